"""Makes this folder the API baseline: a p2 repository holding only org.toposcope.core, copied from a built
Toposcope repository (the released one, at a release) or from the core module's own build output. The build's
tycho-baseline-plugin compares the core bundle it builds against it.
Usage: update.py RELEASED_REPOSITORY (a folder with content.jar, artifacts.jar, plugins/)
   or: update.py bundles/org.toposcope.core/target (after building core: p2content.xml, p2artifacts.xml, the jar)."""
import os
import re
import shutil
import sys
import time
import zipfile

BUNDLE = "org.toposcope.core"
source = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))


def xml_of(jar, name):
    with zipfile.ZipFile(os.path.join(source, jar)) as z:
        return z.read(name).decode("utf-8")


def element(text, tag):
    found = re.findall(r"<%s id='%s' version='([^']+)'.*?</%s>" % (tag, re.escape(BUNDLE), tag), text, re.S)
    matches = [m for m in re.finditer(r"<%s id='%s' version='[^']+'.*?</%s>" % (tag, re.escape(BUNDLE), tag), text, re.S)]
    if len(matches) != 1:
        sys.exit(f"update.py: {len(matches)} {tag}s of {BUNDLE} in {source}")
    return found[0], matches[0].group(0)


module = os.path.isfile(os.path.join(source, "p2content.xml"))
if module:
    content = open(os.path.join(source, "p2content.xml"), encoding="utf-8").read()
    artifacts = open(os.path.join(source, "p2artifacts.xml"), encoding="utf-8").read()
else:
    content = xml_of("content.jar", "content.xml")
    artifacts = xml_of("artifacts.jar", "artifacts.xml")
# the artifact element names its classifier first: find it by id and version
version, unit = element(content, "unit")
artifact = re.search(r"<artifact classifier='osgi.bundle' id='%s' version='%s'>.*?</artifact>" % (re.escape(BUNDLE), re.escape(version)),
                     artifacts, re.S).group(0)
jar = f"{BUNDLE}_{version}.jar"
for old in os.listdir(os.path.join(here, "plugins")) if os.path.isdir(os.path.join(here, "plugins")) else []:
    os.remove(os.path.join(here, "plugins", old))
os.makedirs(os.path.join(here, "plugins"), exist_ok=True)
built = os.path.join(source, "org.toposcope.core-0.1.0-SNAPSHOT.jar") if module else os.path.join(source, "plugins", jar)
shutil.copyfile(built, os.path.join(here, "plugins", jar))
stamp = str(int(time.time() * 1000))
with open(os.path.join(here, "content.xml"), "w") as f:
    f.write(f"""<?xml version='1.0' encoding='UTF-8'?>
<?metadataRepository version='1.2.0'?>
<repository name='Toposcope API baseline' type='org.eclipse.equinox.internal.p2.metadata.repository.LocalMetadataRepository' version='1'>
  <properties size='1'>
    <property name='p2.timestamp' value='{stamp}'/>
  </properties>
  <units size='1'>
    {unit}
  </units>
</repository>
""")
with open(os.path.join(here, "artifacts.xml"), "w") as f:
    f.write(f"""<?xml version='1.0' encoding='UTF-8'?>
<?artifactRepository version='1.1.0'?>
<repository name='Toposcope API baseline' type='org.eclipse.equinox.p2.artifact.repository.simpleRepository' version='1'>
  <properties size='2'>
    <property name='p2.timestamp' value='{stamp}'/>
    <property name='p2.compressed' value='false'/>
  </properties>
  <mappings size='1'>
    <rule filter='(&amp; (classifier=osgi.bundle))' output='${{repoUrl}}/plugins/${{id}}_${{version}}.jar'/>
  </mappings>
  <artifacts size='1'>
    {artifact}
  </artifacts>
</repository>
""")
print(f"update.py: API baseline is now {BUNDLE} {version}")
