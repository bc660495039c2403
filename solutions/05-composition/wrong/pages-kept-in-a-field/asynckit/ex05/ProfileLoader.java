// Known-wrong: loadAll keeps its started loads in a field ('self.pages = []'); a second loadAll that overlaps clears and refills it, so the first reads the second's profiles.
// expect-mistake: mixed-users
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
    private final List<CompletableFuture<Profile>> pages = new ArrayList<>();

    public CompletableFuture<Profile> load(String handle) {
        return api.findUser(handle).thenCompose(user -> {
            CompletableFuture<List<String>> posts = api.postsOf(user.id());
            CompletableFuture<List<String>> friends = api.friendsOf(user.id());
            return posts.thenCombine(friends, (p, f) -> new Profile(user, p, f));
        });
    }

    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        pages.clear();
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
