// Known-wrong: "start every call first", learnt in exercise 01, applied to steps that depend on each other:
// the posts and friends are asked for with the handle, before findUser has given the user's id.
// expect-mistake: step-before-input
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
        CompletableFuture<User> user = api.findUser(handle);
        CompletableFuture<List<String>> posts = api.postsOf(handle);
        CompletableFuture<List<String>> friends = api.friendsOf(handle);
        return user.thenCombine(posts, (u, p) -> new Profile(u, p, List.of()))
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
