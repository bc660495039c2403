// Alternative correct: every step on the common pool (the *Async forms), and loadAll folds the started
// loads into one future of a list with thenCombine, keeping the handles' order.
package asynckit.ex05;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

public final class ProfileLoader {
    private final SocialApi api;

    public ProfileLoader(SocialApi api) {
        this.api = api;
    }

    public CompletableFuture<Profile> load(String handle) {
        return api.findUser(handle).thenComposeAsync(user -> api.postsOf(user.id())
                .thenCombineAsync(api.friendsOf(user.id()), (posts, friends) -> new Profile(user, posts, friends)));
    }

    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        return handles.stream()
                .map(this::load)
                .toList()
                .stream()
                .reduce(CompletableFuture.completedFuture(List.<Profile>of()),
                        (soFar, next) -> soFar.thenCombine(next, (list, page) -> {
                            List<Profile> longer = new ArrayList<>(list);
                            longer.add(page);
                            return List.copyOf(longer);
                        }),
                        (a, b) -> a.thenCombine(b, (x, y) -> {
                            List<Profile> both = new ArrayList<>(x);
                            both.addAll(y);
                            return List.copyOf(both);
                        }));
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle).exceptionallyComposeAsync(failure -> fallback.get());
    }
}
