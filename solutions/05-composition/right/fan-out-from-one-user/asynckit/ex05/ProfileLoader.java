// Alternative correct: one user future, both page futures derived from it, joined by two thenCombines; loadAll folds with recursion.
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
        CompletableFuture<User> user = api.findUser(handle);
        CompletableFuture<List<String>> posts = user.thenCompose(u -> api.postsOf(u.id()));
        CompletableFuture<List<String>> friends = user.thenCompose(u -> api.friendsOf(u.id()));
        return user.thenCombine(posts, (u, p) -> new Profile(u, p, List.of()))
                .thenCombine(friends, (page, f) -> new Profile(page.user(), page.posts(), f));
    }

    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        return collect(handles.stream().map(this::load).toList(), 0);
    }

    private static CompletableFuture<List<Profile>> collect(List<CompletableFuture<Profile>> pages, int from) {
        if (from == pages.size()) {
            return CompletableFuture.completedFuture(new ArrayList<>());
        }
        return pages.get(from).thenCombine(collect(pages, from + 1), (page, rest) -> {
            rest.add(0, page);
            return rest;
        });
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle).exceptionallyCompose(failure -> fallback.get());
    }
}
