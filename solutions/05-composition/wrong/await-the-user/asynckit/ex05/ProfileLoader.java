// Known-wrong: "user = await find_user(handle)" written as join(): load waits for the user on the caller's
// thread, and loadAll (which calls load in a loop) loads one user at a time.
// expect-mistake: blocked-the-caller
// expect-mistake: blocking-wait-on-future
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
        User user = api.findUser(handle).join();
        CompletableFuture<List<String>> posts = api.postsOf(user.id());
        CompletableFuture<List<String>> friends = api.friendsOf(user.id());
        return posts.thenCombine(friends, (p, f) -> new Profile(user, p, f));
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
