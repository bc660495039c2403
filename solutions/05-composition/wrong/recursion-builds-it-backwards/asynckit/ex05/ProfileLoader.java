// Known-wrong: loadAll recursively loads the rest and appends the head after it: all at once, but the list comes out reversed.
// expect-mistake: out-of-order
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
        if (handles.isEmpty()) {
            return CompletableFuture.completedFuture(new ArrayList<>());
        }
        CompletableFuture<Profile> first = load(handles.get(0));
        return loadAll(handles.subList(1, handles.size())).thenCombine(first, (rest, page) -> {
            rest.add(page);
            return rest;
        });
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle).exceptionallyCompose(failure -> fallback.get());
    }
}
