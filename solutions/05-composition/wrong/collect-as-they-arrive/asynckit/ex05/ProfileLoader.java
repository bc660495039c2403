// Known-wrong: concurrent, but each profile is appended when it is finished: the list follows arrival order.
// expect-mistake: completion-order
package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import java.util.concurrent.CopyOnWriteArrayList;

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

    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        List<Profile> done = new CopyOnWriteArrayList<>();
        CompletableFuture<?>[] pages = handles.stream()
                .map(handle -> load(handle).thenAccept(done::add))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(pages).thenApply(all -> List.copyOf(done));
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle).exceptionallyCompose(failure -> fallback.get());
    }
}
