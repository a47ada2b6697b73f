package io.vpcflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which local files a run reads: the rule {@code inspect}, {@code replay} and the job's file source share. */
class LocalFilesTest {
    @TempDir
    Path dir;

    @Test
    void aNamedPathIsReadWhateverItsNameAndHiddenNamesBelowItAreSkippedAndCounted() throws IOException {
        Path named = Files.createDirectories(dir.resolve("_logs"));
        Path a = Files.writeString(named.resolve("a.log"), "x");
        Files.writeString(named.resolve("_SUCCESS"), "");
        Files.writeString(named.resolve(".DS_Store"), "");
        Files.createDirectories(named.resolve("_temporary")).resolve("b.log");
        Files.writeString(named.resolve("_temporary").resolve("b.log"), "x");
        Path hiddenNamed = Files.writeString(dir.resolve(".named.log"), "x");

        LocalFiles.Listing l = LocalFiles.walk(List.of(named, hiddenNamed));
        assertThat(l.files()).containsExactly(a, hiddenNamed);
        assertThat(l.hidden()).isEqualTo(3);
        assertThat(l.unreadable()).isEmpty();
    }

    @Test
    void filesAreSortedWithinEachFolder() throws IOException {
        Path b = Files.writeString(
                Files.createDirectories(dir.resolve("2026/11/02")).resolve("b.log"), "x");
        Path a = Files.writeString(
                Files.createDirectories(dir.resolve("2026/11/01")).resolve("z.log"), "x");
        Path c = Files.writeString(dir.resolve("2026/11/02/a.log"), "x");
        assertThat(LocalFiles.walk(List.of(dir)).files()).containsExactly(a, c, b);
    }

    @Test
    void aLinkedFolderInsideTheInputIsReadOnceAndALoopIsNotFollowed() throws IOException {
        Path real = Files.createDirectories(dir.resolve("in/real"));
        Path f = Files.writeString(real.resolve("f.log"), "x");
        Files.createSymbolicLink(dir.resolve("in/again"), real);
        Path loop = Files.createSymbolicLink(real.resolve("up"), dir.resolve("in"));
        Path outside = Files.writeString(
                Files.createDirectories(dir.resolve("elsewhere")).resolve("o.log"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("in/zz-outside"), dir.resolve("elsewhere"));

        LocalFiles.Listing l = LocalFiles.walk(List.of(dir.resolve("in")));
        // "again" sorts first and leads to real/: its file is read by that way, and real/ is not walked twice.
        assertThat(l.files()).containsExactly(dir.resolve("in/again/f.log"), link.resolve("o.log"));
        assertThat(l.files()).doesNotContain(f, outside);
        assertThat(l.loops()).containsExactly(dir.resolve("in/again/up"));
        assertThat(l.unreadable()).isEmpty();
        assertThat(loop).isSymbolicLink();
    }

    @Test
    void aBrokenLinkAndALoopOfLinksAreUnreadableWithWhy() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("good.log"), "x");
        Path broken = Files.createSymbolicLink(in.resolve("broken.log"), dir.resolve("gone.log"));
        Path one = Files.createSymbolicLink(in.resolve("one.log"), in.resolve("two.log"));
        Files.createSymbolicLink(in.resolve("two.log"), one);

        LocalFiles.Listing l = LocalFiles.walk(List.of(in));
        assertThat(l.files()).containsExactly(in.resolve("good.log"));
        assertThat(l.unreadable())
                .extracting(LocalFiles.Unreadable::path, LocalFiles.Unreadable::why)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(broken, "a link to nothing: " + dir.resolve("gone.log")),
                        org.assertj.core.groups.Tuple.tuple(one, "a loop of links"),
                        org.assertj.core.groups.Tuple.tuple(in.resolve("two.log"), "a loop of links"));
    }

    @Test
    void aFifoIsUnreadableAndNeverOpened() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path fifo = in.resolve("pipe.log");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        // Opening it would block this test forever: finishing at all shows the walk did not.
        LocalFiles.Listing l = LocalFiles.walk(List.of(in));
        assertThat(l.files()).isEmpty();
        assertThat(l.unreadable()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo(fifo);
            assertThat(u.why()).startsWith("neither a file nor a folder");
        });
        assertThat(LocalFiles.problem(fifo)).isEqualTo(u(l));
    }

    @Test
    void aNamedPathThatIsNotThereIsRefused() {
        assertThatThrownBy(() -> LocalFiles.walk(List.of(dir.resolve("missing"))))
                .isInstanceOf(NoSuchFileException.class);
    }

    private static String u(LocalFiles.Listing l) {
        return l.unreadable().get(0).why();
    }
}
