// Known-wrong: a profile seen before is handed back at once from a map, and the map refreshed in the background: the result is not this call's answer.
// expect-mistake: did-not-call
package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class ProfileLoader {
    private final SocialApi api;

    public ProfileLoader(SocialApi api) {
        this.api = api;
    }
    private final Map<String, Profile> seen = new ConcurrentHashMap<>();

    public CompletableFuture<Profile> load(String handle) {
        CompletableFuture<Profile> fresh = api.findUser(handle).thenCompose(user -> {
            CompletableFuture<List<String>> posts = api.postsOf(user.id());
            CompletableFuture<List<String>> friends = api.friendsOf(user.id());
            return posts.thenCombine(friends, (p, f) -> new Profile(user, p, f));
        }).whenComplete((p, e) -> {
            if (p != null) {
                seen.put(handle, p);
            }
        });
        Profile old = seen.get(handle);
        return old != null ? CompletableFuture.completedFuture(old) : fresh;
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
