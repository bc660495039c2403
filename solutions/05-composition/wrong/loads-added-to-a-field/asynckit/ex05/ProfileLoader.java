// Known-wrong: loadAll adds its started loads to a field ('self.pages.append(...)') and never empties it: a second
// loadAll that overlaps the first waits for the first one's loads too, and both lists hold every call's profiles.
// expect-mistake: mixed-users
package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

public final class ProfileLoader {
    private final SocialApi api;
    private final List<CompletableFuture<Profile>> pages = new CopyOnWriteArrayList<>();

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
        for (String handle : handles) {
            pages.add(load(handle));
        }
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle).exceptionallyCompose(failure -> fallback.get());
    }
}
