package dev.karafka.spring.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.jayway.jsonpath.JsonPath;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The configuration metadata of every jar on the test class path, as
 * {@code spring-boot-configuration-processor} writes it: our {@code karafka.*} keys and
 * Boot's own.
 *
 * @author karafka-spring
 */
final class ConfigurationMetadata {

	private static final String LOCATION = "classpath*:META-INF/spring-configuration-metadata.json";

	private final Map<String, Property> properties;

	private final List<Group> groups;

	private ConfigurationMetadata(Map<String, Property> properties, List<Group> groups) {
		this.properties = properties;
		this.groups = groups;
	}

	static ConfigurationMetadata load() {
		Map<String, Property> properties = new LinkedHashMap<>();
		List<Group> groups = new ArrayList<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
				try (InputStream content = resource.getInputStream()) {
					Map<String, Object> json = JsonPath.parse(content).json();
					for (Map<String, Object> entry : entries(json, "properties")) {
						Property property = Property.of(entry);
						properties.putIfAbsent(property.name(), property);
					}
					for (Map<String, Object> entry : entries(json, "groups")) {
						groups.add(new Group((String) entry.get("name"), (String) entry.get("type"),
								(String) entry.get("sourceType")));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ConfigurationMetadata(Collections.unmodifiableMap(properties), List.copyOf(groups));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> entries(Map<String, Object> json, String name) {
		return (List<Map<String, Object>>) json.getOrDefault(name, List.of());
	}

	Optional<Property> property(String name) {
		return Optional.ofNullable(this.properties.get(name));
	}

	/**
	 * Return the properties whose names start with the given prefix, sorted by name.
	 * @param prefix the prefix, such as {@code "karafka."}
	 * @return the matching properties
	 */
	List<Property> properties(String prefix) {
		return this.properties.values()
			.stream()
			.filter((property) -> property.name().startsWith(prefix))
			.sorted(Comparator.comparing(Property::name))
			.toList();
	}

	/**
	 * Return the map-typed property that the given key is an entry of, such as
	 * {@code karafka.kafka} for {@code karafka.kafka[security.protocol]}.
	 * @param key the key, in its canonical form
	 * @return the map property, if any
	 */
	Optional<Property> mapPropertyContaining(String key) {
		return this.properties.values()
			.stream()
			.filter(Property::isMap)
			.filter((property) -> key.startsWith(property.name() + ".") || key.startsWith(property.name() + "["))
			.findFirst();
	}

	/**
	 * Return the groups bound by a {@code @ConfigurationProperties} class of their own,
	 * such as {@code karafka} and {@code karafka.dev-broker}.
	 * @return the top-level groups
	 */
	List<Group> configurationPropertiesGroups() {
		return this.groups.stream().filter(Group::isConfigurationPropertiesClass).toList();
	}

	/**
	 * One property of the metadata.
	 *
	 * @param name the property name
	 * @param type the property type, as the metadata writes it
	 * @param defaultValue the default value, if the metadata knows it
	 * @param description the description, from the field's Javadoc
	 */
	record Property(String name, @Nullable String type, @Nullable Object defaultValue, @Nullable String description) {

		static Property of(Map<String, Object> entry) {
			return new Property((String) entry.get("name"), (String) entry.get("type"), entry.get("defaultValue"),
					(String) entry.get("description"));
		}

		boolean isMap() {
			return this.type != null && this.type.startsWith("java.util.Map<");
		}

	}

	/**
	 * One group of the metadata.
	 *
	 * @param name the group name (the prefix of its properties)
	 * @param type the class the group binds to
	 * @param sourceType the class that declares the group
	 */
	record Group(String name, @Nullable String type, @Nullable String sourceType) {

		boolean isConfigurationPropertiesClass() {
			return this.type != null && this.type.equals(this.sourceType);
		}

	}

}
