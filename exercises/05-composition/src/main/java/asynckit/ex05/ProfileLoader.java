package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Exercise 05: composition. Read exercises/05-composition/README.md first.
 */
public final class ProfileLoader {
    private final SocialApi api;

    public ProfileLoader(SocialApi api) {
        this.api = api;
    }

    /**
     * Loads one profile page: the user first, then the user's posts and friends at the same time.
     *
     * @param handle the user's handle, e.g. {@code "ada"}
     * @return a future of the profile, handed back at once
     */
    public CompletableFuture<Profile> load(String handle) {
        throw new UnsupportedOperationException(
                "Not written yet: ProfileLoader.load. See exercises/05-composition/README.md, 'Your task'.");
    }

    /**
     * Loads every profile page, all at the same time.
     *
     * @param handles the users' handles
     * @return a future of the profiles, in the same order as {@code handles}
     */
    public CompletableFuture<List<Profile>> loadAll(List<String> handles) {
        throw new UnsupportedOperationException(
                "Not written yet: ProfileLoader.loadAll. See exercises/05-composition/README.md, 'Your task'.");
    }

    /**
     * Loads a profile page, and only if that fails, asks the fallback for one instead.
     *
     * @param handle   the user's handle
     * @param fallback starts the fallback load when called (for example a read from a cache); call it
     *                 only when the primary load has failed
     * @return a future of the profile from the primary load, or else from the fallback
     */
    public CompletableFuture<Profile> loadOr(String handle, Supplier<CompletableFuture<Profile>> fallback) {
        throw new UnsupportedOperationException(
                "Not written yet: ProfileLoader.loadOr. See exercises/05-composition/README.md, 'Your task'.");
    }
}
