// Known-wrong: two independent chains, each with its own findUser: the user is fetched twice per profile.
// expect-mistake: user-fetched-twice
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
        CompletableFuture<List<String>> posts = api.findUser(handle).thenCompose(u -> api.postsOf(u.id()));
        CompletableFuture<List<String>> friends = api.findUser(handle).thenCompose(u -> api.friendsOf(u.id()));
        return api.findUser(handle).thenCombine(posts, (u, p) -> new Profile(u, p, List.of()))
                .thenCombine(friends, (page, f) -> new Profile(page.user(), page.posts(), f));
    }

    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        List<CompletableFuture<Profile>> pages = handles.stream().map(this::load).toList();
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle).exceptionallyCompose(failure -> fallback.get());
    }
}
