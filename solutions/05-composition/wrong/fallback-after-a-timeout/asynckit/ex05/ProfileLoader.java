// Known-wrong: loadOr puts a timeout on the primary load before the fallback. Whenever the primary takes longer
// than the learner's chosen two seconds, the fallback is called although nothing failed. The test's answers come
// within milliseconds, so no run ever sees the timer fire.
// expect-mistake: fallback-on-a-timer
package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

public final class ProfileLoader {
    private final SocialApi api;

    public ProfileLoader(SocialApi api) {
        this.api = api;
    }

    public CompletableFuture<Profile> load(String handle) {
        // The posts and friends need the user's id, so they start in the step that receives the user
        // (thenCompose: that step is itself asynchronous). Inside it, both start at once: neither needs the
        // other, and thenCombine joins their values when both are there.
        return api.findUser(handle).thenCompose(user -> {
            CompletableFuture<List<String>> posts = api.postsOf(user.id());
            CompletableFuture<List<String>> friends = api.friendsOf(user.id());
            return posts.thenCombine(friends, (p, f) -> new Profile(user, p, f));
        });
    }

    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        // Start every load first (each returns at once), then wait for all of them together.
        List<CompletableFuture<Profile>> pages = handles.stream().map(this::load).toList();
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        // "A slow primary is as good as a failed one": after two seconds the fallback takes over, although the
        // primary has not failed and may still answer.
        return load(handle).orTimeout(2, TimeUnit.SECONDS).exceptionallyCompose(failure -> fallback.get());
    }
}
