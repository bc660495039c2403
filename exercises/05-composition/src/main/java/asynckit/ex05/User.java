package asynckit.ex05;

/**
 * A user as the social service knows them (given; do not change it).
 *
 * @param id   the service's id for the user, e.g. {@code u1}: what {@code postsOf} and {@code friendsOf} take
 * @param name the display name
 */
public record User(String id, String name) {}
