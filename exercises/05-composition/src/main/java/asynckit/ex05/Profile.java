package asynckit.ex05;

import java.util.List;

/**
 * One user's profile page (given; do not change it).
 *
 * @param user    the user, as {@code findUser} gave it
 * @param posts   the user's posts, as {@code postsOf(user.id())} gave them
 * @param friends the user's friends, as {@code friendsOf(user.id())} gave them
 */
public record Profile(User user, List<String> posts, List<String> friends) {}
