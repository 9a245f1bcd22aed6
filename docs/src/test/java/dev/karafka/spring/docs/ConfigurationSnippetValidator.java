package dev.karafka.spring.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.connection.KafkaSettings;
import dev.karafka.spring.connection.KafkaSettingsTranslator;
import dev.karafka.spring.docs.ConfigurationMetadata.Group;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.ClassUtils;

/**
 * Checks an application configuration snippet against the starter: every
 * {@code karafka.*} key exists in the configuration metadata, every {@code spring.*},
 * {@code management.*} and {@code server.*} key in Boot's, and the snippet binds to the
 * {@code @ConfigurationProperties} classes and passes their validation as it would at
 * start-up.
 *
 * @author karafka-spring
 */
final class ConfigurationSnippetValidator {

	private static final List<String> CHECKED_PREFIXES = List.of("karafka.", "spring.", "management.", "server.");

	private final ConfigurationMetadata metadata;

	/**
	 * Create a new instance.
	 * @param metadata the configuration metadata of the class path
	 */
	ConfigurationSnippetValidator(ConfigurationMetadata metadata) {
		this.metadata = metadata;
	}

	/**
	 * Return whether the snippet is application configuration: it sets {@code karafka.*}
	 * or {@code spring.*} keys and is no Kubernetes manifest.
	 * @param snippet the snippet
	 * @return whether the snippet is checked
	 */
	boolean isApplicationConfiguration(ConfigurationSnippet snippet) {
		return !snippet.isKubernetesManifest() && names(load(snippet)).stream()
			.anyMatch((name) -> name.startsWith("karafka.") || name.startsWith("spring."));
	}

	/**
	 * Return what is wrong with the snippet.
	 * @param snippet the snippet
	 * @return the problems, empty when the snippet is valid
	 */
	List<String> validate(ConfigurationSnippet snippet) {
		List<PropertySource<?>> sources = load(snippet);
		List<String> problems = new ArrayList<>();
		for (String name : names(sources)) {
			checkKey(name, problems);
		}
		if (problems.isEmpty()) {
			bind(sources, problems);
		}
		return problems;
	}

	private void checkKey(String name, List<String> problems) {
		if (CHECKED_PREFIXES.stream().noneMatch(name::startsWith) || this.metadata.property(name).isPresent()
				|| this.metadata.mapPropertyContaining(name).isPresent()) {
			return;
		}
		problems.add("unknown key '" + name + "': no such property in the configuration metadata");
	}

	private void bind(List<PropertySource<?>> sources, List<String> problems) {
		for (Group group : this.metadata.configurationPropertiesGroups()) {
			if (!group.name().startsWith("karafka")) {
				continue;
			}
			Binder binder = new Binder(filteredSources(sources, group),
					new PropertySourcesPlaceholdersResolver(sources));
			Class<?> type = ClassUtils.resolveClassName(group.type(), getClass().getClassLoader());
			try {
				Object bound = binder
					.bind(group.name(), Bindable.of(type), new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
					.orElse(null);
				if (bound instanceof KarafkaProperties properties) {
					validate(properties);
				}
			}
			catch (RuntimeException ex) {
				problems.add("'" + group.name() + "' does not bind: " + describe(ex));
			}
		}
	}

	private void validate(KarafkaProperties properties) {
		properties.getTopics()
			.forEach((topic, settings) -> settings.applyTo(topic, properties.buildListenerSettings()));
		properties.buildListenerSettings();
		Map<String, String> kafka = new LinkedHashMap<>(properties.getKafka());
		kafka.putAll(properties.getConsumer().getKafka());
		kafka.putAll(properties.getProducer().getKafka());
		if (kafka.entrySet().stream().noneMatch(ConfigurationSnippetValidator::isUnresolvedFileOrPem)) {
			kafka.replaceAll((key, value) -> value.contains("${") ? "example" : value);
			KafkaSettingsTranslator.translate(new KafkaSettings().addAll(kafka, "karafka.kafka"));
		}
	}

	/**
	 * Return whether the setting is a PEM or file whose value comes from the environment
	 * at run time (Heroku's certificates): the snippet cannot be translated without it.
	 */
	private static boolean isUnresolvedFileOrPem(Map.Entry<String, String> setting) {
		return setting.getValue().contains("${")
				&& (setting.getKey().endsWith(".pem") || setting.getKey().endsWith(".location"));
	}

	private List<ConfigurationPropertySource> filteredSources(List<PropertySource<?>> sources, Group group) {
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(group.name());
		List<ConfigurationPropertyName> otherGroups = this.metadata.configurationPropertiesGroups()
			.stream()
			.filter((other) -> !other.name().equals(group.name()))
			.map((other) -> ConfigurationPropertyName.of(other.name()))
			.filter(prefix::isAncestorOf)
			.toList();
		Predicate<ConfigurationPropertyName> belongsToGroup = (name) -> prefix.isAncestorOf(name)
				&& otherGroups.stream().noneMatch((other) -> other.isAncestorOf(name));
		List<ConfigurationPropertySource> filtered = new ArrayList<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.from(sources)) {
			filtered.add(source.filter(belongsToGroup));
		}
		return filtered;
	}

	private static String describe(Throwable failure) {
		StringBuilder description = new StringBuilder(String.valueOf(failure.getMessage()));
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			description.append(" <- ").append(cause.getMessage());
		}
		return description.toString();
	}

	private static Set<String> names(List<PropertySource<?>> sources) {
		Set<String> names = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.from(sources)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().map(ConfigurationPropertyName::toString).forEach(names::add);
			}
		}
		return names;
	}

	private static List<PropertySource<?>> load(ConfigurationSnippet snippet) {
		PropertySourceLoader loader = "yaml".equals(snippet.language()) ? new YamlPropertySourceLoader()
				: new PropertiesPropertySourceLoader();
		ByteArrayResource resource = new ByteArrayResource(snippet.content().getBytes(StandardCharsets.UTF_8),
				snippet.toString());
		try {
			return loader.load(snippet.toString(), resource);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException(snippet + ": not valid " + snippet.language() + ": " + ex.getMessage(), ex);
		}
	}

}
