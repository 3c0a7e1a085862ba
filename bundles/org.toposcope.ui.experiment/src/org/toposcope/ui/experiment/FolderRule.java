package org.toposcope.ui.experiment;

import java.nio.file.Path;

import org.eclipse.core.runtime.jobs.ISchedulingRule;

/** Serialises jobs writing the same report folder (or one inside another). */
record FolderRule(Path folder) implements ISchedulingRule {

    @Override
    public boolean contains(ISchedulingRule rule) {
        return rule instanceof FolderRule f && f.folder.startsWith(folder);
    }

    @Override
    public boolean isConflicting(ISchedulingRule rule) {
        return rule instanceof FolderRule f && (f.folder.startsWith(folder) || folder.startsWith(f.folder));
    }
}
