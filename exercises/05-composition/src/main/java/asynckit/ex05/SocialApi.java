package asynckit.ex05;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous client of a social network's service (given; do not change it). Every method returns
 * at once; its future completes when the answer has arrived, on the client's own thread.
 */
public interface SocialApi {

    /** Looks a user up by handle (e.g. {@code "ada"}); the user's id is only known once this completes. */
    CompletableFuture<User> findUser(String handle);

    /** The posts of the user with this id (e.g. {@code "u1"}, not the handle). */
    CompletableFuture<List<String>> postsOf(String userId);

    /** The friends of the user with this id (e.g. {@code "u1"}, not the handle). */
    CompletableFuture<List<String>> friendsOf(String userId);
}
