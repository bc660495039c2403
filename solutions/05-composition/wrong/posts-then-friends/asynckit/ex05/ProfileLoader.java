// Known-wrong: never blocks, but the friends are asked for only once the posts have arrived, the way
// "posts = await posts_of(id); friends = await friends_of(id)" reads in Python.
// expect-mistake: independent-in-sequence
package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

public final class ProfileLoader {
    private final SocialApi api;

    public ProfileLoader(SocialApi api) {
        this.api = api;
    }

    public CompletableFuture<Profile> load(String handle) {
        return api.findUser(handle).thenCompose(user ->
                api.postsOf(user.id()).thenCompose(posts ->
                        api.friendsOf(user.id()).thenApply(friends -> new Profile(user, posts, friends))));
    }

    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        List<CompletableFuture<Profile>> pages = handles.stream().map(this::load).toList();
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }

    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        return load(handle).exceptionallyCompose(failure -> fallback.get());
    }
}
