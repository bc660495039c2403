// Known-wrong: loadAll chains each load after the previous one (thenCompose in a loop): one user at a time.
// expect-mistake: one-user-at-a-time
package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import java.util.ArrayList;

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
        CompletableFuture<List<Profile>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (String handle : handles) {
            chain = chain.thenCompose(done -> load(handle).thenApply(page -> {
                done.add(page);
                return done;
            }));
        }
        return chain;
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle).exceptionallyCompose(failure -> fallback.get());
    }
}
