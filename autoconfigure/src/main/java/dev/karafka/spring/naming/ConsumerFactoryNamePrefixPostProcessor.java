package dev.karafka.spring.naming;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Gives the group ids passed to {@code createConsumer(groupId, ...)} the
 * {@link NamePrefix}, for the consumer factories whose consumers already prefix their
 * topics: a container created programmatically whose
 * {@code getContainerProperties().setGroupId("audit")} is set by hand, and the
 * application's own consumers, then join the prefixed group. Each such factory is
 * replaced by a class-based proxy, so it keeps its type.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ConsumerFactoryNamePrefixPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<NamePrefix> prefix;

	/**
	 * Create a new instance.
	 * @param prefix provides the prefix to apply, none when unavailable
	 */
	public ConsumerFactoryNamePrefixPostProcessor(ObjectProvider<NamePrefix> prefix) {
		this.prefix = prefix;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ConsumerFactory<?, ?> factory && prefixesTopics(factory)) {
			ProxyFactory proxyFactory = new ProxyFactory(factory);
			proxyFactory.setProxyTargetClass(true);
			proxyFactory.addAdvice(groupIdPrefixer(this.prefix.getIfAvailable(() -> NamePrefix.NONE)));
			return proxyFactory.getProxy(factory.getClass().getClassLoader());
		}
		return bean;
	}

	private static boolean prefixesTopics(ConsumerFactory<?, ?> factory) {
		return factory.getPostProcessors().stream().anyMatch(NamePrefixConsumerPostProcessor.class::isInstance);
	}

	private static MethodInterceptor groupIdPrefixer(NamePrefix prefix) {
		return (invocation) -> {
			Object[] arguments = invocation.getArguments();
			if (invocation.getMethod().getName().equals("createConsumer") && arguments.length > 1
					&& arguments[0] instanceof String groupId) {
				arguments[0] = prefix.apply(groupId);
			}
			return invocation.proceed();
		};
	}

}
