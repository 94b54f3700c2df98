package dev.kefu.smtp;

import dev.kefu.mail.Mail;
import dev.kefu.mail.Mailer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * {@link Mailer} over SMTP with Jakarta Mail, configured by one URL:
 * {@code smtp://user:password@host:port?starttls=true} or {@code smtps://…} for implicit TLS.
 */
public final class SmtpMailer implements Mailer {
    private final Session session;
    private final String user;
    private final String password;
    private final InternetAddress from;

    public SmtpMailer(String url, String from) {
        URI uri = URI.create(url);
        boolean tls = "smtps".equals(uri.getScheme());
        if (!tls && !"smtp".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--smtp-url must start with smtp:// or smtps://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("--smtp-url needs a host");
        }
        String protocol = tls ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", uri.getHost());
        p.put("mail." + protocol + ".port", String.valueOf(uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 25));
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "10000");
        p.put("mail." + protocol + ".writetimeout", "10000");
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        if (query.contains("starttls=true")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            this.user = decode(colon < 0 ? info : info.substring(0, colon));
            this.password = colon < 0 ? "" : decode(info.substring(colon + 1));
            p.put("mail." + protocol + ".auth", "true");
        } else {
            this.user = null;
            this.password = null;
        }
        this.session = Session.getInstance(p);
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("--mail-from is not an e-mail address: " + from, e);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void send(Mail mail) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            for (String to : mail.to()) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            if (mail.replyTo() != null) {
                m.setReplyTo(new InternetAddress[] {new InternetAddress(mail.replyTo(), true)});
            }
            m.setSubject(mail.subject(), "UTF-8");
            m.setText(mail.text(), "UTF-8");
            m.setSentDate(new Date());
            if (user != null) {
                Transport.send(m, user, password);
            } else {
                Transport.send(m);
            }
        } catch (MessagingException e) {
            throw new MailFailure("the mail server refused or could not be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean enabled() {
        return true;
    }
}
