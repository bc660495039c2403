package asynckit.quiz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReadmeExampleTest {

    @Test
    @DisplayName("the README's example of every question kind is a valid bank")
    void readmeExampleParses() throws Exception {
        String readme = Files.readString(AllBanksTest.repoRoot().resolve("quizzes/README.md"));
        int start = readme.indexOf("````\n## allof-returns single");
        assertThat(start).isNotNegative();
        int end = readme.indexOf("\n````\n", start + 5);
        String example = readme.substring(start + 5, end + 1);
        Bank bank = BankParser.parse("readme", Path.of("README.md"), "README.md", "title: README example\n" + example);
        assertThat(bank.questions()).extracting(Question::kind).containsExactlyInAnyOrder(Kind.values());
    }
}
