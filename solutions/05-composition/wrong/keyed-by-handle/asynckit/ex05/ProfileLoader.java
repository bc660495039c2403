// Known-wrong: the Python habit "pages = {h: load(h) for h in handles}; [pages[h] for h in handles]": in Java
// Collectors.toMap throws on a handle given twice (and a HashMap or set would hold it once).
// expect-mistake: handle-twice
package asynckit.ex05;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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

    // like {h: load(h) for h in handles} in Python
    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        Map<String, CompletableFuture<Profile>> byHandle = handles.stream()
                .collect(Collectors.toMap(h -> h, this::load));
        return CompletableFuture.allOf(byHandle.values().toArray(CompletableFuture[]::new))
                .thenApply(done -> handles.stream().map(h -> byHandle.get(h).resultNow()).toList());
    }
}
