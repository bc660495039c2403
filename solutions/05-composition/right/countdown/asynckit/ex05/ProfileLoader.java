// Alternative correct: hand-completed futures. load waits for posts and friends with allOf; loadAll counts
// the profiles down into slots kept by index, and completes at once when there is nothing to load.
package asynckit.ex05;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

public final class ProfileLoader {
    private final SocialApi api;

    public ProfileLoader(SocialApi api) {
        this.api = api;
    }

    public CompletableFuture<Profile> load(String handle) {
        return api.findUser(handle).thenCompose(user -> {
            CompletableFuture<List<String>> posts = api.postsOf(user.id());
            CompletableFuture<List<String>> friends = api.friendsOf(user.id());
            return CompletableFuture.allOf(posts, friends)
                    .thenApply(both -> new Profile(user, posts.resultNow(), friends.resultNow()));
        });
    }

    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        if (handles.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        CompletableFuture<List<Profile>> result = new CompletableFuture<>();
        AtomicReferenceArray<Profile> slots = new AtomicReferenceArray<>(handles.size());
        AtomicInteger left = new AtomicInteger(handles.size());
        List<CompletableFuture<Profile>> started = new ArrayList<>();
        for (String handle : handles) {
            started.add(load(handle));
        }
        for (int i = 0; i < started.size(); i++) {
            int slot = i;
            started.get(i).whenComplete((page, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                } else {
                    slots.set(slot, page);
                    if (left.decrementAndGet() == 0) {
                        List<Profile> pages = new ArrayList<>();
                        for (int k = 0; k < slots.length(); k++) {
                            pages.add(slots.get(k));
                        }
                        result.complete(List.copyOf(pages));
                    }
                }
            });
        }
        return result;
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        CompletableFuture<Profile> result = new CompletableFuture<>();
        load(handle).whenComplete((page, failure) -> {
            if (failure == null) {
                result.complete(page);
                return;
            }
            fallback.get().whenComplete((spare, second) -> {
                if (second == null) {
                    result.complete(spare);
                } else {
                    result.completeExceptionally(second instanceof CompletionException && second.getCause() != null
                            ? second.getCause() : second);
                }
            });
        });
        return result;
    }
}
