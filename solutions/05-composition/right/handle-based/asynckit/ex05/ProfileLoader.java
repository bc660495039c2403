// Alternative correct: handle() sees success and failure in one step and picks the next future; a step that
// returns a future is flattened with thenCompose(Function.identity()).
package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

public final class ProfileLoader {
    private final SocialApi api;

    public ProfileLoader(SocialApi api) {
        this.api = api;
    }

    private CompletableFuture<Profile> pageOf(User user) {
        CompletableFuture<List<String>> friends = api.friendsOf(user.id());
        return api.postsOf(user.id()).thenCombine(friends, (posts, theirFriends) -> new Profile(user, posts, theirFriends));
    }

    public CompletableFuture<Profile> load(String handle) {
        return api.findUser(handle).thenApply(this::pageOf).thenCompose(Function.identity());
    }

    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Profile>[] pages = new CompletableFuture[handles.size()];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = load(handles.get(i));
        }
        return CompletableFuture.allOf(pages).thenApply(done -> {
            Profile[] profiles = new Profile[pages.length];
            for (int i = 0; i < pages.length; i++) {
                profiles[i] = pages[i].resultNow();
            }
            return List.of(profiles);
        });
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle)
                .handle((page, failure) -> failure == null ? CompletableFuture.completedFuture(page) : fallback.get())
                .thenCompose(Function.identity());
    }
}
