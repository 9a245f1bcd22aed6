package dev.karafka.spring.autoconfigure.probe;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Keeps the probe server of a {@code @SpringBootTest} with a {@code MOCK} or {@code NONE}
 * web environment from listening, as Spring Boot's web servers do not start in those
 * tests: by default {@code karafka.probes.enabled} is {@code false} there. With
 * {@code RANDOM_PORT} the probe server listens on a random port
 * ({@code @LocalServerPort}), with {@code DEFINED_PORT} on {@code server.port}.
 *
 * @author karafka-spring
 */
class ProbeServerTestContextCustomizerFactory implements ContextCustomizerFactory {

	private static final String SPRING_BOOT_TEST = "org.springframework.boot.test.context.SpringBootTest";

	private static final List<String> WEB_ENVIRONMENTS_WITHOUT_SERVER = List.of("MOCK", "NONE");

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!ClassUtils.isPresent(SPRING_BOOT_TEST, testClass.getClassLoader())) {
			return null;
		}
		@SuppressWarnings("unchecked")
		Class<? extends Annotation> type = (Class<? extends Annotation>) ClassUtils.resolveClassName(SPRING_BOOT_TEST,
				testClass.getClassLoader());
		Annotation springBootTest = TestContextAnnotationUtils.findMergedAnnotation(testClass, type);
		if (springBootTest == null) {
			return null;
		}
		Object webEnvironment = AnnotationUtils.getValue(springBootTest, "webEnvironment");
		if (webEnvironment instanceof Enum<?> value && WEB_ENVIRONMENTS_WITHOUT_SERVER.contains(value.name())) {
			return new ProbesDisabled();
		}
		return null;
	}

	/**
	 * Adds {@code karafka.probes.enabled=false} with the lowest precedence.
	 */
	private record ProbesDisabled() implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("karafkaProbeServerTest", Map.of("karafka.probes.enabled", "false")));
		}

	}

}
