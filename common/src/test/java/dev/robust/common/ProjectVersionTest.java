package dev.robust.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectVersionTest {
    @Test
    void isTheVersionInThePomCommonWasBuiltFrom() throws IOException {
        // Surefire runs in the module's directory; common inherits its version from the parent it names.
        Matcher parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(parent.find(), "common's pom names no parent version");
        assertEquals(parent.group(1), ProjectVersion.current());
    }
}
