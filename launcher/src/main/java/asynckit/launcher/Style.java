package asynckit.launcher;

/** ANSI colours when writing to a terminal (and NO_COLOR is not set); plain text otherwise. */
public record Style(boolean on) {
    public static final Style PLAIN = new Style(false);

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String red(String s) {
        return wrap("1;31", s);
    }

    public String green(String s) {
        return wrap("1;32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    private String wrap(String code, String s) {
        return on ? "\033[" + code + "m" + s + "\033[0m" : s;
    }
}
