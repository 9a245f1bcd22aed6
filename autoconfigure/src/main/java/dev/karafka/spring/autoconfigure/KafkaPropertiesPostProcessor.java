package dev.karafka.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.connection.ClientType;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.connection.SecuritySettingsCheck;
import dev.karafka.spring.naming.NamePrefix;
import dev.karafka.spring.naming.NamePrefixProducerInterceptor;
import dev.karafka.spring.processing.InitialOffset;
import dev.karafka.spring.processing.ListenerSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties.Security;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties.Ssl;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Applies karafka client settings to the per-client property maps of Boot's
 * {@link KafkaProperties}. Boot applies those maps last, so karafka settings win over
 * every {@code spring.kafka.*} setting, and they reach every client built from
 * {@link KafkaProperties}: the auto-configured consumer and producer factories, the
 * {@code KafkaAdmin}, and factories that applications build themselves. For each client,
 * {@code karafka.kafka} comes first, then the client's own {@code karafka.consumer.kafka}
 * or {@code karafka.producer.kafka}, then the typed processing settings. Consumers start
 * a new group from the {@code earliest} offset, as Karafka's {@code initial_offset},
 * unless {@code auto.offset.reset} is set anywhere. A producer delivery timeout
 * ({@code message.timeout.ms}) shorter than {@code linger.ms + request.timeout.ms}
 * shortens the request timeout when that is not set, and fails start-up otherwise, as the
 * Java producer would on its first send. With a {@link NamePrefix}, the default consumer
 * group, the {@code transactional.id} from any source and the transaction id prefixes get
 * it, and producers send through a {@link NamePrefixProducerInterceptor}.
 *
 * @author karafka-spring
 */
class KafkaPropertiesPostProcessor implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(KafkaPropertiesPostProcessor.class);

	private static final long DEFAULT_LINGER_MS = 5;

	private static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

	private final ObjectProvider<ClientSettings> settings;

	private final ObjectProvider<KarafkaProperties> karafkaProperties;

	private final ObjectProvider<NamePrefix> prefix;

	private final Environment environment;

	KafkaPropertiesPostProcessor(ObjectProvider<ClientSettings> settings,
			ObjectProvider<KarafkaProperties> karafkaProperties, ObjectProvider<NamePrefix> prefix,
			Environment environment) {
		this.settings = settings;
		this.karafkaProperties = karafkaProperties;
		this.prefix = prefix;
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof KafkaProperties properties) {
			apply(this.settings.getObject(), this.karafkaProperties.getObject(), properties);
			applyPrefix(this.prefix.getIfAvailable(() -> NamePrefix.NONE), properties);
		}
		return bean;
	}

	private void apply(ClientSettings settings, KarafkaProperties karafka, KafkaProperties properties) {
		warnUnknownSettings(settings.unknownSettings());
		KafkaProperties.Consumer consumerProperties = properties.getConsumer();
		checkSecurity(settings.forClient(ClientType.CONSUMER), consumerProperties.getSecurity(),
				consumerProperties.getSsl(), consumerProperties.getProperties(), "consumer", properties);
		KafkaProperties.Producer producerProperties = properties.getProducer();
		checkSecurity(settings.forClient(ClientType.PRODUCER), producerProperties.getSecurity(),
				producerProperties.getSsl(), producerProperties.getProperties(), "producer", properties);
		KafkaProperties.Admin adminProperties = properties.getAdmin();
		checkSecurity(settings, adminProperties.getSecurity(), adminProperties.getSsl(),
				adminProperties.getProperties(), "admin", properties);
		Map<String, String> consumer = properties.getConsumer().getProperties();
		consumer.putAll(settings.forClient(ClientType.CONSUMER).propertiesFor(ClientType.CONSUMER));
		applyListenerSettings(karafka.buildListenerSettings(), consumer);
		applyDefaultInitialOffset(properties, consumer);
		Map<String, String> producer = properties.getProducer().getProperties();
		ClientSettings producerSettings = settings.forClient(ClientType.PRODUCER);
		producer.putAll(producerSettings.propertiesFor(ClientType.PRODUCER));
		if (karafka.getProducer().getMaxWaitTimeout() != null) {
			applyMaxWaitTimeout(karafka.getProducer().getMaxWaitTimeout(), producer);
		}
		else {
			alignRequestTimeout(producerSettings, producer);
		}
		checkIdempotence(producerSettings, producer);
		properties.getAdmin().getProperties().putAll(settings.propertiesFor(ClientType.ADMIN));
		String applicationName = this.environment.getProperty("spring.application.name");
		if (!consumer.containsKey(ConsumerConfig.GROUP_ID_CONFIG) && properties.getConsumer().getGroupId() == null
				&& StringUtils.hasText(applicationName)) {
			consumer.put(ConsumerConfig.GROUP_ID_CONFIG, applicationName);
		}
	}

	private static void warnUnknownSettings(Map<String, @Nullable String> unknown) {
		if (unknown.isEmpty()) {
			return;
		}
		StringBuilder names = new StringBuilder();
		unknown.forEach((origin, suggestion) -> names.append((names.length() > 0) ? ", " : "")
			.append(origin)
			.append((suggestion != null) ? " (did you mean " + suggestion + "?)" : ""));
		logger.warn("Passing settings that neither the Java Kafka clients nor librdkafka know to the clients as they "
				+ "are (fine for settings of serializers, interceptors or other plugins): " + names);
	}

	/**
	 * Check the client's SASL and SSL settings against its effective security protocol:
	 * karafka's, else Boot's {@code spring.kafka.<client>.security.protocol},
	 * {@code spring.kafka.security.protocol} or a {@code properties} map's.
	 */
	private static void checkSecurity(ClientSettings settings, Security clientSecurity, Ssl clientSsl,
			Map<String, String> clientProperties, String client, KafkaProperties properties) {
		Map<String, @Nullable String> candidates = new LinkedHashMap<>();
		candidates.put(settings.origin(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG), settings.securityProtocol());
		candidates.put("spring.kafka." + client + ".security.protocol", clientSecurity.getProtocol());
		candidates.put("spring.kafka." + client + ".properties[security.protocol]",
				clientProperties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG));
		candidates.put("spring.kafka.security.protocol", properties.getSecurity().getProtocol());
		candidates.put("spring.kafka.properties[security.protocol]",
				properties.getProperties().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG));
		String origin = null;
		String protocol = null;
		for (Map.Entry<String, @Nullable String> candidate : candidates.entrySet()) {
			if (candidate.getKey() != null && StringUtils.hasLength(candidate.getValue())) {
				origin = candidate.getKey();
				protocol = candidate.getValue();
				break;
			}
		}
		SecuritySettingsCheck.checkSasl(settings, protocol, origin);
		if (!StringUtils.hasLength(clientSsl.getBundle()) && !StringUtils.hasLength(properties.getSsl().getBundle())) {
			SecuritySettingsCheck.checkSslStores(settings, protocol);
		}
	}

	private void alignRequestTimeout(ClientSettings settings, Map<String, String> producer) {
		String deliveryTimeout = producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
		if (deliveryTimeout == null) {
			return;
		}
		String requestTimeout = producer.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
		long delivery;
		long linger;
		long request;
		try {
			delivery = Long.parseLong(deliveryTimeout);
			linger = Long
				.parseLong(producer.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(DEFAULT_LINGER_MS)));
			request = (requestTimeout != null) ? Long.parseLong(requestTimeout) : DEFAULT_REQUEST_TIMEOUT_MS;
		}
		catch (NumberFormatException ex) {
			return;
		}
		if (delivery >= linger + request) {
			return;
		}
		String origin = settings.origin(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
		origin = (origin != null) ? origin : "spring.kafka.producer.properties[delivery.timeout.ms]";
		if (requestTimeout != null || delivery <= linger) {
			throw new InvalidSettingException(origin,
					"the producers' delivery timeout (" + delivery + " ms) must be at least linger.ms (" + linger
							+ " ms, " + origin(settings, producer, ProducerConfig.LINGER_MS_CONFIG)
							+ ") plus request.timeout.ms (" + request + " ms, "
							+ origin(settings, producer, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG) + ")",
					"Give a longer 'message.timeout.ms', or a shorter 'request.timeout.ms' or 'linger.ms'.");
		}
		producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(delivery - linger));
	}

	private void checkIdempotence(ClientSettings settings, Map<String, String> producer) {
		if (!"true".equalsIgnoreCase(producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))) {
			return;
		}
		String acks = producer.get(ProducerConfig.ACKS_CONFIG);
		String maxInFlight = producer.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
		String retries = producer.get(ProducerConfig.RETRIES_CONFIG);
		String conflict = null;
		if (acks != null && !acks.equalsIgnoreCase("all") && !acks.equals("-1")) {
			conflict = ProducerConfig.ACKS_CONFIG;
		}
		else if (maxInFlight != null && maxInFlight.matches("\\d+") && Long.parseLong(maxInFlight) > 5) {
			conflict = ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION;
		}
		else if ("0".equals(retries)) {
			conflict = ProducerConfig.RETRIES_CONFIG;
		}
		if (conflict != null) {
			String origin = settings.origin(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
			throw new InvalidSettingException(
					(origin != null) ? origin : "spring.kafka.producer.properties[enable.idempotence]",
					"the idempotent producer needs acks=all, retries above 0 and at most 5 in-flight requests per "
							+ "connection, but " + conflict + " is " + producer.get(conflict) + " ("
							+ origin(settings, producer, conflict) + ")",
					"Remove '" + conflict + "', or set enable.idempotence to false (retries may then duplicate or "
							+ "reorder records).");
		}
	}

	private String origin(ClientSettings settings, Map<String, String> producer, String property) {
		if (!producer.containsKey(property)) {
			return "the default";
		}
		String origin = settings.origin(property);
		return "from '" + ((origin != null) ? origin : "spring.kafka.producer.properties[" + property + "]") + "'";
	}

	private void applyListenerSettings(ListenerSettings settings, Map<String, String> consumer) {
		if (settings.maxMessages() != null) {
			consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(settings.maxMessages()));
		}
		if (settings.initialOffset() != null) {
			consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.initialOffset().autoOffsetReset());
		}
		if (settings.maxWaitTime() != null) {
			consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(settings.maxWaitTime().toMillis()));
		}
	}

	/**
	 * Karafka's {@code initial_offset} defaults to {@code earliest}, so a new consumer
	 * group reads what was produced before it first joined. Set as Boot's
	 * {@code spring.kafka.consumer.auto-offset-reset}, the lowest-ranked consumer
	 * setting, only when the application chooses {@code auto.offset.reset} nowhere else.
	 */
	private void applyDefaultInitialOffset(KafkaProperties properties, Map<String, String> consumer) {
		if (properties.getConsumer().getAutoOffsetReset() == null
				&& !consumer.containsKey(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)
				&& !properties.getProperties().containsKey(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)) {
			properties.getConsumer().setAutoOffsetReset(InitialOffset.EARLIEST.autoOffsetReset());
		}
	}

	private void applyMaxWaitTimeout(Duration maxWaitTimeout, Map<String, String> producer) {
		long timeout = maxWaitTimeout.toMillis();
		long linger = Long
			.parseLong(producer.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(DEFAULT_LINGER_MS)));
		if (timeout <= linger) {
			throw new InvalidSettingException("karafka.producer.max-wait-timeout",
					"it must be longer than the producers' linger.ms (" + linger + " ms)",
					"Give a timeout of at least a few seconds.");
		}
		producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout));
		producer.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
				String.valueOf(Math.min(DEFAULT_REQUEST_TIMEOUT_MS, timeout - linger)));
		producer.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout));
	}

	private void applyPrefix(NamePrefix prefix, KafkaProperties properties) {
		if (prefix.isEmpty()) {
			return;
		}
		Map<String, String> consumer = properties.getConsumer().getProperties();
		String groupId = consumer.getOrDefault(ConsumerConfig.GROUP_ID_CONFIG, properties.getConsumer().getGroupId());
		if (groupId != null) {
			consumer.put(ConsumerConfig.GROUP_ID_CONFIG, prefix.apply(groupId));
		}
		Map<String, String> producer = properties.getProducer().getProperties();
		String interceptors = producer.get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
		producer.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
				StringUtils.hasText(interceptors) ? interceptors + "," + NamePrefixProducerInterceptor.class.getName()
						: NamePrefixProducerInterceptor.class.getName());
		producer.put(NamePrefixProducerInterceptor.PREFIX_CONFIG, prefix.value());
		producer.computeIfPresent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, (key, id) -> prefix.apply(id));
		PropertyMapper map = PropertyMapper.get();
		map.from(properties.getProducer().getTransactionIdPrefix())
			.as(prefix::apply)
			.to(properties.getProducer()::setTransactionIdPrefix);
		map.from(properties.getTemplate().getTransactionIdPrefix())
			.as(prefix::apply)
			.to(properties.getTemplate()::setTransactionIdPrefix);
	}

}
