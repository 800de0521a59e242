# The real docker-compose 1.29 reading a project, printed as JSON: its own `config` prints YAML through PyYAML,
# whose emitter writes NEL/LS/PS as raw line breaks that no YAML reader gives back.
import json
from compose.cli.command import get_config_from_options
from compose.config.serialize import denormalize_config
print(json.dumps(denormalize_config(get_config_from_options('.', {}, {'--no-interpolate': False}))))
