package asynckit.quiz;

/** Prints every snippet's output (handy when writing a bank question): run its main from the IDE. */
final class SnippetsPrint {
    public static void main(String[] args) throws Exception {
        for (var e : Snippets.ALL.entrySet()) {
            System.out.println("== " + e.getKey());
            e.getValue().run(System.out);
        }
    }
}
