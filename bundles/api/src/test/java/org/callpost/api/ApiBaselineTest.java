package org.callpost.api;

import static org.junit.Assert.assertTrue;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/**
 * bnd's baseline check of the exported API packages: each package's API as built now is compared
 * with the API recorded at the last release ({@code src/test/resources/api-baseline.txt}), and
 * a package that changed needs at least the version bnd's semantic-versioning rules give (a
 * removed or changed method: major; an added one on a provider type: minor). Callpost publishes
 * no releases to a Maven repository yet, so the baseline is bnd's API tree kept beside the test
 * instead of a released jar; {@code -Dcallpost.api.baseline.record=true} records a new one, and
 * only when the check passes.
 */
public class ApiBaselineTest {
    private static final Path RECORD = Path.of("src/test/resources/api-baseline.txt");

    @Test
    public void noExportedPackageChangesWithoutItsVersion() throws Exception {
        try (Builder builder = new Builder()) {
            builder.setProperty("Bundle-SymbolicName", "org.callpost.api");
            builder.setProperty("Bundle-Version", "0.0.0");
            builder.setProperty("Export-Package", "org.callpost.api.*");
            builder.setProperty("-noextraheaders", "true");
            builder.addClasspath(new File("target/classes"));
            Jar jar = builder.build();
            assertTrue("bnd could not analyse the API: " + builder.getErrors(), builder.isOk());
            DiffPluginImpl differ = new DiffPluginImpl();
            Tree now = apiOf(differ, differ.tree(jar));
            Parameters exports = new Parameters(jar.getManifest().getMainAttributes().getValue("Export-Package"));

            List<String> lines = Files.readAllLines(RECORD, StandardCharsets.UTF_8);
            Parameters recordedExports = new Parameters(lines.get(0).substring("Export-Package: ".length()));
            Tree recorded = differ.deserialize(read(lines.subList(1, lines.size())));
            Baseline baseline = new Baseline(builder, differ);
            Set<Baseline.Info> infos = baseline.baseline(now, exports, recorded, recordedExports, new Instructions());
            List<String> problems = new ArrayList<>();
            for (Baseline.Info info : infos) {
                if (info.mismatch) {
                    problems.add("package " + info.packageName + " changed (" + info.packageDiff.getDelta()
                            + ") since the baseline at " + info.olderVersion + " but is still " + info.newerVersion
                            + ": set @Version(\"" + info.suggestedVersion + "\") in its package-info.java"
                            + (info.reason == null || info.reason.isEmpty() ? "" : "; what changed: " + info.reason));
                }
            }
            assertTrue(String.join("\n", problems), problems.isEmpty());

            if (Boolean.getBoolean("callpost.api.baseline.record")) {
                List<String> out = new ArrayList<>();
                out.add("Export-Package: " + exports);
                write(now.serialize(), 0, out);
                Files.write(RECORD, out, StandardCharsets.UTF_8);
            }
        }
    }

    /*
     * The record is bnd's tree one node a line, indented by depth, "TYPE ADD REMOVE name", with a
     * tab and the comment when there is one: an API change shows in its diff as the lines it touched.
     */
    private static void write(Tree.Data node, int depth, List<String> out) {
        out.add("  ".repeat(depth) + node.type + " " + node.add + " " + node.rem + " " + node.name
                + (node.comment == null ? "" : "\t" + node.comment));
        if (node.children != null) {
            for (Tree.Data child : node.children) {
                write(child, depth + 1, out);
            }
        }
    }

    private static Tree.Data read(List<String> lines) {
        Deque<List<Tree.Data>> children = new ArrayDeque<>();
        Deque<Tree.Data> parents = new ArrayDeque<>();
        Tree.Data root = null;
        for (String line : lines) {
            int depth = 0;
            while (line.startsWith("  ", depth * 2)) {
                depth++;
            }
            String[] part = line.substring(depth * 2).split(" ", 4);
            Tree.Data node = new Tree.Data();
            node.type = Type.valueOf(part[0]);
            node.add = Delta.valueOf(part[1]);
            node.rem = Delta.valueOf(part[2]);
            int tab = part[3].indexOf('\t');
            node.name = tab < 0 ? part[3] : part[3].substring(0, tab);
            node.comment = tab < 0 ? null : part[3].substring(tab + 1);
            while (parents.size() > depth) {
                parents.pop().children = children.pop().toArray(Tree.Data[]::new);
            }
            if (depth == 0) {
                root = node;
            } else {
                children.peek().add(node);
            }
            parents.push(node);
            children.push(new ArrayList<>());
        }
        while (!parents.isEmpty()) {
            parents.pop().children = children.pop().toArray(Tree.Data[]::new);
        }
        return root;
    }

    /** Only the parts the baseline reads (the manifest and the API): not the class files' bytes. */
    private static Tree apiOf(DiffPluginImpl differ, Tree bundle) throws Exception {
        Tree.Data data = bundle.serialize();
        data.children = Arrays.stream(bundle.getChildren())
                .filter(child -> child.getName().equals("<manifest>") || child.getName().equals("<api>"))
                .map(Tree::serialize).toArray(Tree.Data[]::new);
        return differ.deserialize(data);
    }
}
