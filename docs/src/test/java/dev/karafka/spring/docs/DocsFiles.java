package dev.karafka.spring.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locations of the documentation under test, relative to the {@code docs} module.
 *
 * @author karafka-spring
 */
final class DocsFiles {

	static final Path DOCS = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

	static final Path ROOT = DOCS.getParent();

	static final Path README = ROOT.resolve("README.md");

	static final Path DEPLOY = DOCS.resolve("deploy");

	static final Path SAMPLE_APPLICATION_YAML = ROOT.resolve("sample-app/src/main/resources/application.yml");

	private DocsFiles() {
	}

	/**
	 * Return the README and every Markdown file of {@code docs/}, build output aside.
	 * @return the Markdown files
	 */
	static List<Path> markdownFiles() {
		List<Path> files = new ArrayList<>();
		files.add(README);
		try (Stream<Path> paths = Files.walk(DOCS)) {
			paths.filter((path) -> path.toString().endsWith(".md"))
				.filter((path) -> !DOCS.relativize(path).startsWith("target"))
				.sorted()
				.forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

	static String relative(Path path) {
		return path.isAbsolute() && path.startsWith(ROOT) ? ROOT.relativize(path).toString() : path.toString();
	}

}
