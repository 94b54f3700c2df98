package dev.kefu.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules of ../shared/ARCHITECTURE.md, kept true by the build. */
class DependencyRulesTest {
    static final String[] DOMAIN = {"dev.kefu.workspace..", "dev.kefu.agent..", "dev.kefu.visitor..",
        "dev.kefu.conversation..", "dev.kefu.event..", "dev.kefu.common..", "dev.kefu.access..",
        "dev.kefu.bot..", "dev.kefu.knowledge..", "dev.kefu.routing..", "dev.kefu.note..", "dev.kefu.label..",
        "dev.kefu.csat..", "dev.kefu.audit..", "dev.kefu.report..", "dev.kefu.mail..", "dev.kefu.search.."};
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.kefu");

    @Test
    void the_domain_imports_no_netty_jdbc_or_redis() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.sql..", "javax.sql..",
                        "io.lettuce..", "redis..", "com.zaxxer..", "org.flywaydb..", "com.fasterxml.jackson..",
                        "java.net.http..", "org.apache.lucene..", "org.apache.commons.csv..", "jakarta.mail..")
                .check(CLASSES);
    }

    @Test
    void the_domain_does_not_depend_on_adapters() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("dev.kefu.store..", "dev.kefu.http..",
                        "dev.kefu.gateway..", "dev.kefu.api..", "dev.kefu.crypto..", "dev.kefu.json..",
                        "dev.kefu.config..", "dev.kefu.retrieval..")
                .check(CLASSES);
    }

    @Test
    void adapters_do_not_depend_on_each_other_sideways() {
        noClasses().that().resideInAnyPackage("dev.kefu.store..", "dev.kefu.retrieval..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kefu.http..", "dev.kefu.gateway..", "dev.kefu.api..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.kefu.gateway..", "dev.kefu.api..", "dev.kefu.http..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kefu.store..", "dev.kefu.retrieval..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.kefu.llm..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kefu.store..", "dev.kefu.http..",
                        "dev.kefu.gateway..", "dev.kefu.api..")
                .check(CLASSES);
    }
}
