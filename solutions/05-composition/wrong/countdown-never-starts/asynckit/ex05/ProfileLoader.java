// Known-wrong: a hand-completed future with a countdown, completed by the last profile to arrive; with no
// handles no profile ever arrives, and the future never completes.
// expect-mistake: never-completed
package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
        CompletableFuture<List<Profile>> result = new CompletableFuture<>();
        AtomicReferenceArray<Profile> pages = new AtomicReferenceArray<>(handles.size());
        AtomicInteger left = new AtomicInteger(handles.size());
        for (int i = 0; i < handles.size(); i++) {
            int slot = i;
            load(handles.get(i)).whenComplete((page, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                    return;
                }
                pages.set(slot, page);
                if (left.decrementAndGet() == 0) {
                    Profile[] all = new Profile[pages.length()];
                    for (int k = 0; k < all.length; k++) {
                        all[k] = pages.get(k);
                    }
                    result.complete(List.of(all));
                }
            });
        }
        return result;
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle).exceptionallyCompose(failure -> fallback.get());
    }
}
