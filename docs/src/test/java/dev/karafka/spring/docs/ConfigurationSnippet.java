package dev.karafka.spring.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced {@code yaml} or {@code properties} block of a Markdown file.
 *
 * @param file the Markdown file
 * @param line the line of the opening fence
 * @param language the fence's language: {@code yaml} or {@code properties}
 * @param content the block's content
 * @author karafka-spring
 */
record ConfigurationSnippet(Path file, int line, String language, String content) {

	private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([\\w-]*)\\s*$");

	private static final Set<String> YAML = Set.of("yaml", "yml");

	private static final Set<String> PROPERTIES = Set.of("properties");

	/**
	 * Return the {@code yaml} and {@code properties} blocks of the given Markdown file.
	 * @param file the Markdown file
	 * @return the blocks, in order
	 */
	static List<ConfigurationSnippet> extract(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<ConfigurationSnippet> snippets = new ArrayList<>();
		for (int index = 0; index < lines.size(); index++) {
			Matcher opening = FENCE.matcher(lines.get(index));
			if (!opening.matches()) {
				continue;
			}
			int start = index;
			StringBuilder content = new StringBuilder();
			for (index++; index < lines.size() && !FENCE.matcher(lines.get(index)).matches(); index++) {
				content.append(lines.get(index)).append('\n');
			}
			String language = opening.group(1).toLowerCase();
			if (YAML.contains(language) || PROPERTIES.contains(language)) {
				snippets.add(new ConfigurationSnippet(file, start + 1, YAML.contains(language) ? "yaml" : "properties",
						content.toString()));
			}
		}
		return snippets;
	}

	boolean isKubernetesManifest() {
		return this.content.contains("apiVersion:");
	}

	@Override
	public String toString() {
		return DocsFiles.relative(this.file) + ":" + this.line;
	}

}
