package dev.dedalus.protocols;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java snippets of the README and docs/DEPLOYMENT.md marked {@code <!-- compiles: Name -->}
 * are whole source files that compile as given, without warnings, against the project; a snippet
 * marked {@code <!-- runs: Name -->} also runs to completion.
 */
class SnippetsCompileTest {
  private static final Pattern SNIPPET = Pattern.compile("<!-- (compiles|runs): (\\w+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

  @TempDir
  Path work;

  @Test
  void documentedSnippetsCompileAsGiven() throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    List<String> runnable = new ArrayList<>();
    for (String doc : List.of("../README.md", "../docs/DEPLOYMENT.md")) {
      Matcher m = SNIPPET.matcher(Files.readString(Path.of(doc), StandardCharsets.UTF_8));
      while (m.find()) {
        assertWithMessage("snippet %s is named twice", m.group(2)).that(sources.put(m.group(2), m.group(3))).isNull();
        if (m.group(1).equals("runs")) {
          runnable.add(m.group(2));
        }
      }
    }
    assertThat(sources.keySet()).containsAtLeast("VotingInOneJvm", "LeaderService");
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = work.resolve(e.getKey() + ".java");
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      files.add(file.toString());
    }
    Path classes = Files.createDirectory(work.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-Xlint:all,-path", "-Werror", "-proc:none", "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path")));
    args.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = javac.run(null, out, out, args.toArray(String[]::new));
    assertWithMessage("the documented snippets do not compile as given:\n%s", out).that(status).isEqualTo(0);
    for (String name : runnable) {
      run(classes, name);
    }
  }

  private static void run(Path classes, String name) throws IOException, ReflectiveOperationException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, SnippetsCompileTest.class.getClassLoader())) {
      Method main = loader.loadClass(name).getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    }
  }
}
