# Sourced by the scripts and the helpers they source: `on_exit COMMAND` adds COMMAND to what runs when the
# script ends — normally, on an error, or on Ctrl-C or kill — and never replaces what another helper added,
# as a second `trap … EXIT` would. The last added runs first, as things are stopped in the reverse order
# of their starting.

if [ -z "${ON_EXIT_READY:-}" ]; then
  ON_EXIT_READY=1
  ON_EXIT_COMMANDS=()
  run_on_exit() {
    local command
    for command in "${ON_EXIT_COMMANDS[@]}"; do eval "$command" || true; done
    ON_EXIT_COMMANDS=()
  }
  trap run_on_exit EXIT
  # Without these, a script stopped by Ctrl-C or kill would end without its EXIT trap.
  trap 'exit 130' INT
  trap 'exit 143' TERM
fi

on_exit() {
  ON_EXIT_COMMANDS=("$1" "${ON_EXIT_COMMANDS[@]}")
}
