// Known-wrong: anyOf mistaken for allOf (asyncio.wait's FIRST_COMPLETED): the list is made as soon as the first
// load has finished, and holds only the loads done by then.
// expect-mistake: finished-early
package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

public final class ProfileLoader {
    private final SocialApi api;

    public ProfileLoader(SocialApi api) {
        this.api = api;
    }

    public CompletableFuture<Profile> load(String handle) {
        return api.findUser(handle).thenCompose(user -> {
            CompletableFuture<List<String>> posts = api.postsOf(user.id());
            CompletableFuture<List<String>> friends = api.friendsOf(user.id());
            return posts.thenCombine(friends, (p, f) -> new Profile(user, p, f));
        });
    }


    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle).exceptionallyCompose(failure -> fallback.get());
    }

    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        if (handles.isEmpty()) return CompletableFuture.completedFuture(List.of());
        List<CompletableFuture<Profile>> pages = handles.stream().map(this::load).toList();
        return CompletableFuture.anyOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(first -> pages.stream().filter(CompletableFuture::isDone).map(CompletableFuture::resultNow).toList());
    }
}
