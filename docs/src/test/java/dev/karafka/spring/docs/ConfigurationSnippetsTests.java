package dev.karafka.spring.docs;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every application configuration snippet of the README and of {@code docs/} is valid for
 * the starter that ships: known keys, values that bind.
 *
 * @author karafka-spring
 */
class ConfigurationSnippetsTests {

	private final ConfigurationMetadata metadata = ConfigurationMetadata.load();

	private final ConfigurationSnippetValidator validator = new ConfigurationSnippetValidator(this.metadata);

	@TestFactory
	Stream<DynamicTest> applicationConfigurationSnippetsAreValid() {
		return applicationConfigurationSnippets().map((snippet) -> DynamicTest.dynamicTest(snippet.toString(),
				() -> assertThat(this.validator.validate(snippet)).as("Snippet at %s:%n%s", snippet, snippet.content())
					.isEmpty()));
	}

	@Test
	void everyGuideHasItsSnippetsChecked() {
		List<Path> files = applicationConfigurationSnippets().map(ConfigurationSnippet::file).distinct().toList();
		assertThat(files).contains(DocsFiles.README, DocsFiles.DOCS.resolve("deployment/aws-msk.md"),
				DocsFiles.DOCS.resolve("deployment/kubernetes.md"), DocsFiles.DOCS.resolve("deployment/heroku.md"),
				DocsFiles.DOCS.resolve("oauth.md"));
	}

	private Stream<ConfigurationSnippet> applicationConfigurationSnippets() {
		return DocsFiles.markdownFiles()
			.stream()
			.flatMap((file) -> ConfigurationSnippet.extract(file).stream())
			.filter(this.validator::isApplicationConfiguration);
	}

}
