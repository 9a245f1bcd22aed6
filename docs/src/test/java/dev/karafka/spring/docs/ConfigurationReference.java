package dev.karafka.spring.docs;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.karafka.spring.docs.ConfigurationMetadata.Property;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.util.ClassUtils;

/**
 * Writes {@code docs/configuration.md}, the reference of every {@code karafka.*} key,
 * from the configuration metadata that the build generates, so that the reference cannot
 * drift from the code. {@link ConfigurationReferenceTests} fails when the committed file
 * differs from what this class renders.
 *
 * @author karafka-spring
 */
public final class ConfigurationReference {

	static final String REGENERATE_COMMAND = "mvn -B -o test -pl docs -Dtest=ConfigurationReferenceTests -Ddocs.regenerate=true";

	private static final Pattern QUALIFIED_NAME = Pattern.compile("(?:[a-z_][a-z0-9_]*\\.)+([A-Z][\\w$]*)");

	private static final String MAP_VALUE_KEY = "<topic>";

	private static final Map<String, String> MAP_VALUE_ONLY_DESCRIPTIONS = Map.of("active",
			"Whether the listener containers of this topic start.");

	private final ConfigurationMetadata metadata;

	ConfigurationReference(ConfigurationMetadata metadata) {
		this.metadata = metadata;
	}

	/**
	 * Write the reference to the given file, {@code docs/configuration.md} by default.
	 * @param args the target file, optionally
	 * @throws IOException if the file cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Path target = Path.of((args.length > 0) ? args[0] : "docs/configuration.md");
		Files.writeString(target, new ConfigurationReference(ConfigurationMetadata.load()).render(),
				StandardCharsets.UTF_8);
	}

	String render() {
		StringBuilder markdown = new StringBuilder();
		markdown.append("# Configuration reference\n\n");
		markdown.append("<!-- Generated from the configuration metadata by ConfigurationReference; do not edit.\n");
		markdown.append("     Regenerate: ").append(REGENERATE_COMMAND).append(" -->\n\n");
		markdown.append("Every `karafka.*` setting of karafka-spring, with its type, default and description, ");
		markdown.append("as your IDE shows them. Durations take `ms`, `s`, `m`, `h` or `d` (`30s`, `5m`).\n");
		markdown.append("Map settings (`Map<String, String>`) take one key per client setting: ");
		markdown.append("`karafka.kafka[security.protocol]=SASL_SSL`, or `\"[security.protocol]\": SASL_SSL` ");
		markdown.append("under `karafka.kafka` in YAML.\n\n");
		markdown.append("| Key | Type | Default | Description |\n");
		markdown.append("| --- | --- | --- | --- |\n");
		for (Property property : this.metadata.properties("karafka.")) {
			row(markdown, property.name(), property.type(), formatDefault(property.defaultValue()),
					property.description());
			Class<?> beanValueType = beanMapValueType(property);
			if (beanValueType != null) {
				mapValueRows(markdown, property.name() + "." + MAP_VALUE_KEY, "", beanValueType,
						BeanUtils.instantiateClass(beanValueType));
			}
		}
		return markdown.toString();
	}

	private void mapValueRows(StringBuilder markdown, String prefix, String path, Class<?> type, Object defaults) {
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(defaults);
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || "class".equals(descriptor.getName())) {
				continue;
			}
			String name = path + kebabCase(descriptor.getName());
			Object value = wrapper.getPropertyValue(descriptor.getName());
			if (descriptor.getWriteMethod() == null && isNestedBean(descriptor.getPropertyType())) {
				mapValueRows(markdown, prefix, name + ".", descriptor.getPropertyType(), value);
				continue;
			}
			String global = "karafka." + name;
			boolean inherits = value == null && this.metadata.property(global).isPresent();
			String description = inherits ? this.metadata.property(global).get().description()
					: MAP_VALUE_ONLY_DESCRIPTIONS.get(name);
			String defaultValue = inherits ? "as `" + global + "`" : formatDefault(value);
			row(markdown, prefix + "." + name,
					ClassUtils.resolvePrimitiveIfNecessary(descriptor.getPropertyType()).getName(), defaultValue,
					description);
		}
	}

	private static boolean isNestedBean(Class<?> type) {
		return type.getName().startsWith("dev.karafka.") && !type.isEnum();
	}

	private static @Nullable Class<?> beanMapValueType(Property property) {
		if (!property.isMap() || property.type() == null) {
			return null;
		}
		String valueType = property.type().substring(property.type().indexOf(',') + 1, property.type().length() - 1);
		if (!valueType.startsWith("dev.karafka.")) {
			return null;
		}
		return ClassUtils.resolveClassName(valueType, ConfigurationReference.class.getClassLoader());
	}

	private static void row(StringBuilder markdown, String name, @Nullable String type, String defaultValue,
			@Nullable String description) {
		markdown.append("| `").append(name).append("` | ").append(formatType(type)).append(" | ");
		markdown.append(defaultValue).append(" | ").append(formatDescription(description)).append(" |\n");
	}

	private static String formatType(@Nullable String type) {
		if (type == null) {
			return "";
		}
		String simple = QUALIFIED_NAME.matcher(type)
			.replaceAll((match) -> Matcher.quoteReplacement(match.group(1)))
			.replace('$', '.')
			.replace(",", ", ");
		String values = enumValues(type);
		return "`" + simple + "`" + ((values != null) ? " (" + values + ")" : "");
	}

	private static @Nullable String enumValues(String type) {
		if (!type.startsWith("dev.karafka.")
				|| !ClassUtils.isPresent(type, ConfigurationReference.class.getClassLoader())) {
			return null;
		}
		Class<?> candidate = ClassUtils.resolveClassName(type, ConfigurationReference.class.getClassLoader());
		if (!candidate.isEnum()) {
			return null;
		}
		return Arrays.stream(candidate.getEnumConstants())
			.map((constant) -> "`" + ((Enum<?>) constant).name().toLowerCase(Locale.ROOT) + "`")
			.collect(Collectors.joining(", "));
	}

	private static String formatDefault(@Nullable Object value) {
		if (value == null || (value instanceof List<?> list && list.isEmpty())) {
			return "";
		}
		if (value instanceof Map<?, ?> map) {
			return map.isEmpty() ? "" : "`" + map + "`";
		}
		return "`" + value + "`";
	}

	private static String formatDescription(@Nullable String description) {
		if (description == null) {
			return "";
		}
		return description.replace("|", "\\|").replace("\n", " ");
	}

	private static String kebabCase(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
