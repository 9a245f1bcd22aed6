package dev.karafka.spring.autoconfigure.settings;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.connection.SettingNames;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Refuses {@code karafka.*} settings that no part of the starter reads, before any bean
 * is created. The known settings are those of the configuration metadata
 * ({@code META-INF/spring-configuration-metadata.json}) of every jar, which describes the
 * bound {@code karafka.*} properties and those read from the environment; under a
 * map-valued setting ({@code karafka.kafka}, {@code karafka.topics}, ...) every key is
 * accepted, and under {@code karafka.dev-broker}, whose module is often a development
 * dependency only. Settings given as environment variables are checked apart: those of
 * topics by {@link TopicEnvironmentVariables}, the others by
 * {@link KarafkaEnvironmentVariables} for near misses only, since images set variables
 * such as {@code KARAFKA_ENV} for other tools. To keep start-up fast, the metadata is
 * read only when there are {@code karafka.*} settings or {@code KARAFKA_*} variables to
 * check, only files that describe some are parsed, and with Jackson's streaming parser.
 * Without Jackson (which Spring Boot's actuator brings) nothing is checked: Spring Boot's
 * basic JSON parser misreads the metadata.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class UnknownSettingsCheck implements BeanFactoryPostProcessor {

	private static final ConfigurationPropertyName KARAFKA = ConfigurationPropertyName.of("karafka");

	private static final String TOPICS = "karafka.topics";

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final int MAX_SUGGESTION_DISTANCE = 3;

	private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.core.json.JsonFactory",
			UnknownSettingsCheck.class.getClassLoader());

	private final Environment environment;

	/**
	 * Create a new instance.
	 * @param environment the environment whose {@code karafka.*} settings are checked
	 */
	public UnknownSettingsCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		new TopicEnvironmentVariables(() -> topicSettingNames(KarafkaProperties.Topic.class, "", new TreeSet<>()))
			.check(this.environment);
		Supplier<KnownSettings> knownSettings = SingletonSupplier
			.of(() -> knownSettings(beanFactory.getBeanClassLoader()));
		new KarafkaEnvironmentVariables(knownSettings).check(this.environment);
		Map<String, @Nullable String> settings = karafkaSettings();
		if (settings.isEmpty()) {
			return;
		}
		KnownSettings known = knownSettings.get();
		if (known.isEmpty()) {
			return;
		}
		settings.keySet().removeIf((name) -> known.contains(ConfigurationPropertyName.of(name)));
		if (!settings.isEmpty()) {
			throw failure(settings, known);
		}
		checkTopicSettings();
	}

	/**
	 * Refuse settings under {@code karafka.topics.<topic>} that a topic does not have
	 * ({@code dead-leter-queue.topic}): the metadata describes {@code karafka.topics} as
	 * a map, so they are checked by binding them the way Boot binds
	 * {@code ignoreUnknownFields = false} properties, environment variables aside.
	 */
	private void checkTopicSettings() {
		try {
			Binder.get(this.environment)
				.bind(TOPICS, Bindable.mapOf(String.class, KarafkaProperties.Topic.class),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT, UnknownSettingsCheck::hasCheckableNames));
		}
		catch (BindException ex) {
			if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
				throw topicFailure(unbound.getUnboundProperties());
			}
		}
	}

	private static InvalidSettingException topicFailure(Set<ConfigurationProperty> unbound) {
		Set<String> known = topicSettingNames(KarafkaProperties.Topic.class, "", new TreeSet<>());
		List<String> names = unbound.stream().map((property) -> {
			String suggestion = SettingNames.closest(topicSettingName(property.getName()), known,
					MAX_SUGGESTION_DISTANCE);
			return "'" + writtenName(property) + "'"
					+ ((property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "")
					+ ((suggestion != null) ? ", did you mean '" + suggestion + "'?" : "");
		}).toList();
		return new InvalidSettingException(writtenName(unbound.iterator().next()),
				"a topic has no such setting: " + String.join("; ", names),
				"Correct the name: the settings of a topic are those of 'karafka.topics.<topic>' in the starter's "
						+ "configuration reference. A topic name with dots goes in brackets: "
						+ "'karafka.topics[orders.v1].concurrency'.");
	}

	/**
	 * Return the name of a setting under {@code karafka.topics.<topic>} without that
	 * prefix ({@code dead-letter-queue.topic}).
	 */
	private static String topicSettingName(ConfigurationPropertyName name) {
		StringBuilder setting = new StringBuilder();
		for (int i = 3; i < name.getNumberOfElements(); i++) {
			setting.append((i > 3) ? "." : "").append(name.getElement(i, ConfigurationPropertyName.Form.DASHED));
		}
		return setting.toString();
	}

	/**
	 * Return the settings of a topic, in dashed form, read from the properties of
	 * {@link KarafkaProperties.Topic} and of its nested groups.
	 */
	private static Set<String> topicSettingNames(Class<?> type, String prefix, Set<String> names) {
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			Class<?> propertyType = property.getPropertyType();
			if (property.getReadMethod() == null || propertyType == Class.class) {
				continue;
			}
			String name = prefix + DataObjectPropertyName.toDashedForm(property.getName());
			if (propertyType.getDeclaringClass() == KarafkaProperties.class && !propertyType.isEnum()) {
				topicSettingNames(propertyType, name + ".", names);
			}
			else {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * Return the {@code karafka.*} settings of the environment (environment variables
	 * aside) with their origins.
	 */
	private Map<String, @Nullable String> karafkaSettings() {
		Map<String, @Nullable String> settings = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable && hasCheckableNames(source)) {
				iterable.filter(KARAFKA::isAncestorOf).forEach((name) -> {
					if (!settings.containsKey(name.toString())) {
						ConfigurationProperty property = iterable.getConfigurationProperty(name);
						settings.put(name.toString(), (property != null && property.getOrigin() != null)
								? property.getOrigin().toString() : null);
					}
				});
			}
		}
		return settings;
	}

	/**
	 * Return whether the names of a source can be checked, which those of environment
	 * variables cannot: {@code KARAFKA_TOPICS_ORDERS_MAX_WAIT_TIME} does not tell where
	 * the topic name ends.
	 */
	private static boolean hasCheckableNames(ConfigurationPropertySource source) {
		return !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource);
	}

	private static InvalidSettingException failure(Map<String, @Nullable String> unknown, KnownSettings known) {
		List<String> problems = new ArrayList<>();
		boolean single = unknown.size() == 1;
		unknown.forEach((name, origin) -> {
			String suggestion = known.closest(name);
			problems.add((single ? "" : "'" + name + "'") + ((origin != null) ? " (from " + origin + ")" : "")
					+ ((suggestion != null) ? ", did you mean '" + suggestion + "'?" : ""));
		});
		String first = unknown.keySet().iterator().next();
		String problem = single ? "no karafka setting has this name" + problems.get(0)
				: "no karafka setting has these names: " + String.join("; ", problems);
		return new InvalidSettingException(first, problem,
				"Correct the name (the settings are listed in the starter's configuration reference, and IDEs "
						+ "complete them), or remove it. Kafka client settings go in 'karafka.kafka[...]'.");
	}

	/**
	 * Return the name of a property as it was written
	 * ({@code karafka.topics.trial_events...}), where its origin tells, rather than its
	 * canonical form, which drops the underscore.
	 */
	private static String writtenName(ConfigurationProperty property) {
		return (property.getOrigin() instanceof PropertySourceOrigin origin) ? origin.getPropertyName()
				: property.getName().toString();
	}

	static KnownSettings knownSettings(@Nullable ClassLoader classLoader) {
		KnownSettings known = new KnownSettings();
		if (!JACKSON_PRESENT) {
			return known;
		}
		try {
			Enumeration<URL> resources = (classLoader != null) ? classLoader.getResources(METADATA)
					: ClassLoader.getSystemResources(METADATA);
			while (resources.hasMoreElements()) {
				try (InputStream input = resources.nextElement().openStream()) {
					String metadata = new String(input.readAllBytes(), StandardCharsets.UTF_8);
					if (metadata.contains("\"karafka.")) {
						known.addMetadata(metadata);
					}
				}
			}
		}
		catch (IOException ex) {
			return new KnownSettings();
		}
		return known;
	}

	/**
	 * The {@code karafka.*} settings described by configuration metadata.
	 */
	static final class KnownSettings {

		private final Set<String> names = new TreeSet<>();

		private final List<ConfigurationPropertyName> leaves = new ArrayList<>();

		private final List<ConfigurationPropertyName> maps = new ArrayList<>(
				List.of(ConfigurationPropertyName.of("karafka.dev-broker")));

		void addMetadata(String json) {
			StreamingMetadataReader.read(json, this::addProperty);
		}

		private void addProperty(String name, @Nullable String type) {
			if (name.startsWith("karafka.")) {
				add(name, type != null && type.startsWith("java.util.Map<"));
			}
		}

		void add(String name, boolean map) {
			ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
			this.names.add(name);
			(map ? this.maps : this.leaves).add(propertyName);
		}

		boolean isEmpty() {
			return this.names.isEmpty();
		}

		List<ConfigurationPropertyName> leaves() {
			return this.leaves;
		}

		List<ConfigurationPropertyName> maps() {
			return this.maps;
		}

		boolean contains(ConfigurationPropertyName name) {
			ConfigurationPropertyName unindexed = unindexed(name);
			for (ConfigurationPropertyName map : this.maps) {
				if (map.equals(unindexed) || map.isAncestorOf(unindexed)) {
					return true;
				}
			}
			return this.leaves.contains(unindexed);
		}

		/**
		 * Return the known name closest to the given one: a few edits away, else the one
		 * known name that ends the same way ({@code karafka.consuming-ttl} for
		 * {@code karafka.liveness.consuming-ttl}).
		 */
		@Nullable String closest(String name) {
			String closest = SettingNames.closest(name, this.names, MAX_SUGGESTION_DISTANCE);
			if (closest != null) {
				return closest;
			}
			String ending = name.substring(name.lastIndexOf('.'));
			List<String> sameEnding = this.names.stream().filter((known) -> known.endsWith(ending)).toList();
			return (sameEnding.size() == 1) ? sameEnding.get(0) : null;
		}

		private static ConfigurationPropertyName unindexed(ConfigurationPropertyName name) {
			for (int i = 1; i <= name.getNumberOfElements(); i++) {
				if (name.chop(i).isLastElementIndexed()) {
					return name.chop(i - 1);
				}
			}
			return name;
		}

	}

	/**
	 * Reads the properties of configuration metadata with Jackson's streaming parser,
	 * which costs a fraction of building a mapper at start-up.
	 */
	private static final class StreamingMetadataReader {

		static void read(String json, BiConsumer<String, @Nullable String> properties) {
			try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), json)) {
				if (parser.nextToken() != JsonToken.START_OBJECT) {
					return;
				}
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					boolean propertyList = "properties".equals(parser.currentName());
					if (parser.nextToken() == JsonToken.START_ARRAY && propertyList) {
						while (parser.nextToken() == JsonToken.START_OBJECT) {
							readProperty(parser, properties);
						}
					}
					else {
						parser.skipChildren();
					}
				}
			}
		}

		private static void readProperty(JsonParser parser, BiConsumer<String, @Nullable String> properties) {
			String name = null;
			String type = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				parser.nextToken();
				if ("name".equals(field)) {
					name = parser.getString();
				}
				else if ("type".equals(field)) {
					type = parser.getString();
				}
				else {
					parser.skipChildren();
				}
			}
			if (name != null) {
				properties.accept(name, type);
			}
		}

	}

}
