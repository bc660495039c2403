package asynckit.ex04;

/**
 * One chat message (given; do not change it).
 *
 * @param author who wrote it: {@link #USER} or {@link #ASSISTANT}
 * @param text   what was written
 */
public record Message(String author, String text) {
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    /** A message the user sent. */
    public static Message fromUser(String text) {
        return new Message(USER, text);
    }

    /** A reply the assistant wrote. */
    public static Message fromAssistant(String text) {
        return new Message(ASSISTANT, text);
    }
}
