package io.vazao.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KEDA CRD schemas are kept in this module so the checks need nothing outside the
 * repository. Where the project's shared schema folder sits beside the repository, the copies
 * must still match it.
 */
class KedaCrdCopiesTest {

    @Test
    void copiesAreTheServedScaledObjectAndTriggerAuthenticationSchemas() {
        for (String file : KedaSchema.CRD_FILES) {
            JsonNode crd = KedaSchema.crd(file);
            assertEquals("keda.sh", crd.at("/spec/group").asText(), file);
            assertTrue(crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec").isObject(), file);
        }
    }

    @Test
    void copiesMatchTheSharedSchemasWhenPresent() throws IOException {
        Path shared = Repo.root().resolveSibling("shared").resolve("schemas").resolve("keda");
        if (!Files.isDirectory(shared)) {
            return; // nothing to compare with: the copies are the reference
        }
        for (String file : KedaSchema.CRD_FILES) {
            if (Files.exists(shared.resolve(file))) {
                assertEquals(Manifest.YAML.readTree(shared.resolve(file).toFile()), KedaSchema.crd(file),
                        file + " differs from the shared schema: refresh the copy in deploy-tests/src/test/resources/keda-crds/");
            }
        }
    }
}
