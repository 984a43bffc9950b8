# A scripted busybox-ash session (issue 6, acceptance 2): run as `busybox sh session.sh` with the same busybox
# binary on Exo-OS and under qemu-riscv64, whose outputs must be identical (BusyboxSessionTest). It works in a
# scratch directory it makes under its working directory and removes on exit. Lines whose text may differ
# between two correct runs name a pid or a time and start with "pid:" or "time:"; the test drops exactly those.
set -u
top=$PWD
work=$top/session-scratch
rm -rf "$work"
mkdir "$work" && cd "$work" || exit 1
trap 'cd "$top"; rm -rf "$work"; echo "trap: EXIT ran"' EXIT

echo "== pipes and redirection"
printf 'pear 3\napple 1\nfig 2\napple 1\nkiwi 10\n' > fruit.txt
cat fruit.txt | sort | uniq -c | sort -rn | head -3
echo first > out.txt
echo second >> out.txt
cat out.txt
ls no-such-file > err.txt 2>&1
echo "ls status: $?"
cat err.txt
wc -l < fruit.txt
grep -c apple < fruit.txt
{ echo to-stdout; echo to-stderr 1>&2; } 2>&1 | sort
echo discarded > /dev/null
while read name count; do echo "read: $name=$count"; done < fruit.txt

echo "== subshells and command substitution"
x=outer
(x=inner; echo "subshell: $x")
echo "parent: $x"
n=$(wc -l < fruit.txt)
echo "lines: $n"
echo "nested: $(echo $(echo deep) `echo backquoted`)"
total=$(awk '{s += $2} END {print s}' fruit.txt)
echo "total: $total"
(cd / && pwd)
pwd | sed "s|^$top|TOP|"
echo "arithmetic: $((total * 2 + 1))"

echo "== background jobs and wait"
(sleep 0.3; echo late > bg1.txt) &
p1=$!
echo "pid: first background job is $p1"
(echo early > bg2.txt) &
wait $p1
echo "wait for the first: $?"
wait
cat bg2.txt bg1.txt
sh -c 'exit 3' &
wait $!
echo "background status: $?"
for i in 1 2 3; do (echo "job $i" > job$i.txt) & done
wait
cat job1.txt job2.txt job3.txt

echo "== trap and kill"
trap 'echo "trap: USR1 caught"' USR1
kill -USR1 $$
echo "after USR1"
trap - USR1
sleep 5 &
sp=$!
kill -TERM $sp
wait $sp
echo "killed sleep status: $?"
sh -c 'trap "echo child: TERM caught; exit 7" TERM; kill -TERM $$; echo not reached'
echo "child status: $?"
sh -c 'kill -KILL $$'
echo "killed child status: $?"
kill -l 15
kill -l 9

echo "== files"
mkdir -p tree/a/b tree/c
echo one > tree/a/one.txt
echo two > tree/a/b/two.txt
echo three > tree/c/three.log
ln -s a/one.txt tree/link
ls -R tree
ls -l tree/link | awk '{print $1, $(NF-2), $(NF-1), $NF}'
cat tree/link tree/a/b/two.txt
chmod 600 tree/c/three.log
ls -l tree/c/three.log | cut -c1-10
stat -c '%n %s %F' tree/a/one.txt tree/a tree/link
cp -r tree copy
mv copy/c copy/d
rm -r copy/a
ls -R copy
touch empty
test -s empty || echo "empty is empty"

echo "== grep sed awk sort uniq"
grep -n apple fruit.txt
grep -E '^(fig|kiwi) ' fruit.txt
grep -r two tree | sort
sed -e 's/apple/APPLE/' -e '/kiwi/d' fruit.txt
cp fruit.txt edited.txt
sed -i 's/[0-9][0-9]*/N/' edited.txt
cat edited.txt
awk '{count[$1] += $2} END {for (k in count) print k, count[k]}' fruit.txt | sort
awk 'NR == 2 {printf "%s has %05.1f (%x) %s\n", $1, $2, 255, toupper($1)}' fruit.txt
awk 'BEGIN {while ((getline line < "fruit.txt") > 0) n++; print "getline read", n, "lines"}'
sort -k2,2n fruit.txt
sort -u fruit.txt
cut -d' ' -f1 fruit.txt | sort | uniq -c
tr 'a-z' 'A-Z' < fruit.txt | head -2

echo "== find and xargs"
find tree -name '*.txt' | sort
find tree -type d | sort
find tree -name '*.log' -exec cat {} \;
find tree -type f | sort | xargs cat
echo 1 2 3 4 5 | xargs -n 2 echo got

echo "== tar and gzip"
tar cf tree.tar tree
tar tf tree.tar | sort
mkdir unpack
(cd unpack && tar xf ../tree.tar)
cat unpack/tree/a/b/two.txt
readlink unpack/tree/link
tar czf tree.tgz tree
tar tzf tree.tgz | sort
cp fruit.txt z.txt
gzip z.txt
zcat z.txt.gz | head -1
gunzip z.txt.gz
cmp z.txt fruit.txt && echo "gzip round trip: same"
gzip -c fruit.txt | gunzip -c | md5sum

echo "== checksums"
sha256sum fruit.txt
md5sum fruit.txt tree/a/one.txt | tee sums
md5sum -c sums

echo "== sh -c nesting"
sh -c 'echo level1; sh -c "echo level2; sh -c \"echo level3\""'
sh -c 'exit 5'
echo "status: $?"
sh -c 'echo "args: $0 $1 $2"' zero one two
v=$(sh -c 'echo from-child | tr a-z A-Z')
echo "captured: $v"
export SESSION_VAR=exported
sh -c 'echo "env: $SESSION_VAR"'
unexported=local
sh -c 'echo "unexported: ${unexported:-unset}"'
echo 'echo "from a script on stdin"' | sh
sh -c 'false || echo "or ran"; true && echo "and ran"'
printf 'echo "from a file: $1"\n' > script.sh
sh script.sh arg

echo "== misc"
seq 1 5 | awk '{s += $1} END {print "sum", s}'
expr 6 \* 7
test -d tree && echo "tree is a directory"
printf '%s-%d\n' a 1 b 2
yes y | head -3
dd if=/dev/zero bs=1k count=4 2>/dev/null | wc -c
printf 'abc\n' | od -An -c
diff fruit.txt edited.txt > d.txt
echo "diff status: $?"
tail -n +3 d.txt
echo "time: $(date)"
echo "pid: this shell is $$"
echo "== done"
