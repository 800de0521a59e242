# shellcheck shell=sh
# What runs on a swarm, read on a manager in one round trip (SwarmStatus): the nodes, the stacks' services and every
# task of theirs, history included. Arg: PROJECT (a stack's name; empty: every stack). Six docker calls whatever the
# number of tasks: the tasks are inspected in one call. Output: "=== section" headers, tab-separated lines, "=== end".
# IDs are split on purpose (unquoted): docker prints them one a line and they hold no blanks.
# shellcheck disable=SC2086
p=$1
nodes=$(docker node ls -q) || exit 1
echo "=== nodes"
docker node inspect --format '{{.ID}}	{{.Description.Hostname}}	{{.Spec.Role}}	{{.Status.State}}	{{.Spec.Availability}}	{{with .ManagerStatus}}{{if .Leader}}leader{{else}}{{.Reachability}}{{end}}{{end}}	{{.Description.Resources.NanoCPUs}}	{{.Description.Resources.MemoryBytes}}	{{.Description.Engine.EngineVersion}}	{{.Status.Addr}}	{{json .Spec.Labels}}' $nodes || exit 1
if [ -n "$p" ]; then filter="label=com.docker.stack.namespace=$p"; else filter="label=com.docker.stack.namespace"; fi
services=$(docker service ls --filter "$filter" --format '{{.ID}}	{{.Name}}	{{.Mode}}	{{.Replicas}}	{{.Image}}') || exit 1
echo "=== services"
[ -n "$services" ] && printf '%s\n' "$services"
ids=$(printf '%s\n' "$services" | cut -f1)
if [ -n "$ids" ]; then
    # service ls prints no labels: the stack of each service, exactly (a name may hold "_" itself).
    echo "=== stacks"
    docker service inspect --format '{{.ID}}	{{index .Spec.Labels "com.docker.stack.namespace"}}' $ids || exit 1
    # A service removed since the list leaves its tasks out; the next read is right again.
    tasks=$(docker service ps -q --no-trunc $ids 2>/dev/null)
    echo "=== tasks"
    # Swarm prunes a slot's oldest task as it adds one: one gone since the list is left out, the others printed.
    [ -n "$tasks" ] && docker inspect --type task --format '{{.ID}}	{{.ServiceID}}	{{.Slot}}	{{.NodeID}}	{{.DesiredState}}	{{.Status.State}}	{{json .CreatedAt}}	{{with .Spec.ContainerSpec}}{{with .Healthcheck}}{{with .Test}}{{index . 0}}{{end}}{{end}}{{end}}	{{json .Status.Err}}' $tasks 2>/dev/null
fi
echo "=== end"
