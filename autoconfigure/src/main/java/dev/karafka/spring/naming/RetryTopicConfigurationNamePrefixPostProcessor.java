package dev.karafka.spring.naming;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.support.AllowDenyCollectionManager;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * Gives the topics that {@link RetryTopicConfiguration} beans include or exclude the
 * {@link NamePrefix}, so that a configuration written with the application's topic names
 * matches the listeners, whose topics carry the prefix. spring-kafka keeps these lists
 * private, so they are reached by reflection and prefixed in place.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class RetryTopicConfigurationNamePrefixPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<NamePrefix> prefix;

	/**
	 * Create a new instance.
	 * @param prefix provides the prefix to apply, none when unavailable
	 */
	public RetryTopicConfigurationNamePrefixPostProcessor(ObjectProvider<NamePrefix> prefix) {
		this.prefix = prefix;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RetryTopicConfiguration configuration) {
			NamePrefix prefix = this.prefix.getIfAvailable(() -> NamePrefix.NONE);
			if (!prefix.isEmpty()) {
				Object topics = fieldValue(configuration, RetryTopicConfiguration.class, "topicAllowListManager");
				applyPrefix(prefix, fieldValue(topics, AllowDenyCollectionManager.class, "allowList"), beanName);
				applyPrefix(prefix, fieldValue(topics, AllowDenyCollectionManager.class, "denyList"), beanName);
			}
		}
		return bean;
	}

	@SuppressWarnings("unchecked")
	private static void applyPrefix(NamePrefix prefix, Object topics, String beanName) {
		Collection<String> names = (Collection<String>) topics;
		List<String> prefixed = names.stream().map(prefix::apply).toList();
		try {
			names.clear();
			names.addAll(prefixed);
		}
		catch (UnsupportedOperationException ex) {
			throw new IllegalStateException(
					"Cannot apply the name prefix to the topics of RetryTopicConfiguration bean '" + beanName
							+ "': its topic list cannot be changed",
					ex);
		}
	}

	private static Object fieldValue(Object target, Class<?> type, String name) {
		Field field = ReflectionUtils.findField(type, name);
		Assert.state(field != null, () -> type.getSimpleName() + "." + name + " not found: karafka-spring cannot "
				+ "apply the name prefix to RetryTopicConfiguration beans with this spring-kafka version");
		ReflectionUtils.makeAccessible(field);
		Object value = ReflectionUtils.getField(field, target);
		Assert.state(value != null, () -> type.getSimpleName() + "." + name + " is null");
		return value;
	}

}
