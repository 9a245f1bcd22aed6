package dev.karafka.spring.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.connection.ClientType;
import dev.karafka.spring.connection.InvalidSettingException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties.Security;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties.Ssl;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * {@link KafkaConnectionDetails} from karafka settings, falling back to
 * {@code spring.kafka.*} for what they leave unset. Consumers and producers get the
 * connection of their own {@code karafka.consumer.kafka} and
 * {@code karafka.producer.kafka} settings applied over {@code karafka.kafka}. Their
 * {@link Origin} names the settings that give the bootstrap servers.
 *
 * @author karafka-spring
 */
class KarafkaConnectionDetails implements KafkaConnectionDetails, OriginProvider {

	private static final Log logger = LogFactory.getLog(KarafkaConnectionDetails.class);

	private final ClientSettings settings;

	private final KafkaProperties properties;

	private final @Nullable SslBundles sslBundles;

	private final Environment environment;

	KarafkaConnectionDetails(ClientSettings settings, KafkaProperties properties, @Nullable SslBundles sslBundles,
			Environment environment) {
		this.settings = settings;
		this.properties = properties;
		this.sslBundles = sslBundles;
		this.environment = environment;
		Set<String> unusedTls = new LinkedHashSet<>();
		requireTls(settings.forClient(ClientType.CONSUMER), getConsumer(), unusedTls);
		requireTls(settings.forClient(ClientType.PRODUCER), getProducer(), unusedTls);
		requireTls(settings, getAdmin(), unusedTls);
		unusedTls.forEach(logger::warn);
	}

	private static void requireTls(ClientSettings settings, Configuration configuration, Set<String> unusedTls) {
		String protocol = configuration.getSecurityProtocol();
		String sslOrigin = settings.sslOrigin();
		if (sslOrigin == null || (protocol != null && protocol.toUpperCase(Locale.ROOT).endsWith("SSL"))) {
			return;
		}
		if (protocol == null) {
			throw new InvalidSettingException(sslOrigin,
					"it gives TLS material, but no security protocol is set, so the clients would connect without "
							+ "TLS",
					"Set 'security.protocol' to SSL or SASL_SSL (or write the bootstrap servers with the "
							+ "kafka+ssl:// scheme), or remove the SSL settings if the cluster does not use TLS.");
		}
		unusedTls.add("The TLS material of '" + sslOrigin + "' is not used: the security protocol is " + protocol);
	}

	@Override
	public Origin getOrigin() {
		return BootstrapServerSources.origin(this.environment);
	}

	@Override
	public List<String> getBootstrapServers() {
		List<String> servers = this.settings.bootstrapServers();
		return (servers != null) ? servers : this.properties.getBootstrapServers();
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		SslBundle bundle = this.settings.sslBundle();
		return (bundle != null) ? bundle : getBundle(this.properties.getSsl());
	}

	@Override
	public @Nullable String getSecurityProtocol() {
		String protocol = this.settings.securityProtocol();
		return (protocol != null) ? protocol : this.properties.getSecurity().getProtocol();
	}

	@Override
	public Configuration getConsumer() {
		KafkaProperties.Consumer consumer = this.properties.getConsumer();
		return configuration(this.settings.forClient(ClientType.CONSUMER), consumer.getBootstrapServers(),
				consumer.getSsl(), consumer.getSecurity());
	}

	@Override
	public Configuration getProducer() {
		KafkaProperties.Producer producer = this.properties.getProducer();
		return configuration(this.settings.forClient(ClientType.PRODUCER), producer.getBootstrapServers(),
				producer.getSsl(), producer.getSecurity());
	}

	@Override
	public Configuration getAdmin() {
		KafkaProperties.Admin admin = this.properties.getAdmin();
		return configuration(this.settings, null, admin.getSsl(), admin.getSecurity());
	}

	@Override
	public Configuration getStreams() {
		KafkaProperties.Streams streams = this.properties.getStreams();
		return configuration(this.settings, streams.getBootstrapServers(), streams.getSsl(), streams.getSecurity());
	}

	private Configuration configuration(ClientSettings settings, @Nullable List<String> clientServers, Ssl clientSsl,
			Security clientSecurity) {
		List<String> servers = settings.bootstrapServers();
		if (servers == null) {
			servers = (clientServers != null) ? clientServers : this.properties.getBootstrapServers();
		}
		SslBundle bundle = settings.sslBundle();
		if (bundle == null) {
			SslBundle clientBundle = getBundle(clientSsl);
			bundle = (clientBundle != null) ? clientBundle : getSslBundle();
		}
		String protocol = settings.securityProtocol();
		if (protocol == null) {
			protocol = StringUtils.hasLength(clientSecurity.getProtocol()) ? clientSecurity.getProtocol()
					: getSecurityProtocol();
		}
		return Configuration.of(servers, bundle, protocol);
	}

	private @Nullable SslBundle getBundle(Ssl ssl) {
		if (StringUtils.hasLength(ssl.getBundle())) {
			Assert.state(this.sslBundles != null, "SSL bundle name has been set but no SSL bundles found in context");
			return this.sslBundles.getBundle(ssl.getBundle());
		}
		return null;
	}

}
