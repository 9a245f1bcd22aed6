package dev.karafka.spring.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfigurationReference}: {@code docs/configuration.md} is what the
 * current configuration metadata renders to.
 *
 * @author karafka-spring
 */
class ConfigurationReferenceTests {

	private final ConfigurationReference reference = new ConfigurationReference(ConfigurationMetadata.load());

	@Test
	void configurationReferenceMatchesTheMetadata() throws IOException {
		Path file = DocsFiles.DOCS.resolve("configuration.md");
		String rendered = this.reference.render();
		if (Boolean.getBoolean("docs.regenerate")) {
			Files.writeString(file, rendered, StandardCharsets.UTF_8);
		}
		assertThat(Files.readString(file, StandardCharsets.UTF_8))
			.as("docs/configuration.md is out of date; regenerate it with: %s",
					ConfigurationReference.REGENERATE_COMMAND)
			.isEqualTo(rendered);
	}

	@Test
	void everyKarafkaPropertyOfTheMetadataIsDocumented() {
		String rendered = this.reference.render();
		assertThat(ConfigurationMetadata.load().properties("karafka."))
			.allSatisfy((property) -> assertThat(rendered).contains("| `" + property.name() + "` |"));
	}

	@Test
	void topicSettingsAreListedPerTopicWithTheirInheritedDefaults() {
		assertThat(this.reference.render())
			.contains("| `karafka.topics.<topic>.active` | `Boolean` | `true` | Whether the listener containers")
			.contains("| `karafka.topics.<topic>.pause.timeout` | `Duration` | as `karafka.pause.timeout` |")
			.contains("| `karafka.topics.<topic>.dead-letter-queue.max-retries` | `Integer` | "
					+ "as `karafka.dead-letter-queue.max-retries` |");
	}

	@Test
	void enumValuesAreListedWithTheirType() {
		assertThat(this.reference.render())
			.contains("| `karafka.initial-offset` | `InitialOffset` (`earliest`, `latest`) |");
	}

}
