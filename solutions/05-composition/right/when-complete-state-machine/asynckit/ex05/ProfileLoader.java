// Alternative correct: an explicit state object per load, completed by whenComplete callbacks; anyOf-free loadAll over a CompletableFuture[] with a stream.
package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.Arrays;

public final class ProfileLoader {
    private final SocialApi api;

    public ProfileLoader(SocialApi api) {
        this.api = api;
    }

    public CompletableFuture<Profile> load(String handle) {
        CompletableFuture<Profile> result = new CompletableFuture<>();
        api.findUser(handle).whenComplete((user, lookupFailed) -> {
            if (lookupFailed != null) {
                result.completeExceptionally(unwrap(lookupFailed));
                return;
            }
            Page page = new Page(user, result);
            api.postsOf(user.id()).whenComplete((posts, e) -> page.posts(posts, e));
            api.friendsOf(user.id()).whenComplete((friends, e) -> page.friends(friends, e));
        });
        return result;
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** One load's state: what has arrived so far. Callbacks may come on any thread, hence synchronized. */
    private static final class Page {
        private final User user;
        private final CompletableFuture<Profile> result;
        private List<String> posts;
        private List<String> friends;

        Page(User user, CompletableFuture<Profile> result) {
            this.user = user;
            this.result = result;
        }

        synchronized void posts(List<String> value, Throwable failure) {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            posts = value;
            finishIfComplete();
        }

        synchronized void friends(List<String> value, Throwable failure) {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            friends = value;
            finishIfComplete();
        }

        private void finishIfComplete() {
            if (posts != null && friends != null) {
                result.complete(new Profile(user, posts, friends));
            }
        }
    }

    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        CompletableFuture<?>[] pages = handles.stream().map(this::load).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(pages)
                .thenApply(done -> Arrays.stream(pages).map(p -> (Profile) p.resultNow()).toList());
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle).exceptionallyCompose(failure -> fallback.get());
    }
}
