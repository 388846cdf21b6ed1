# fish completion for saddle(1)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The program answers itself (`saddle complete -- WORD...`, from its
# registries and option tables) with "WORD<tab>DESCRIPTION" lines, which
# is fish's own format; this only relays, and adds file names when asked.

function __saddle_complete
	set -l words (commandline -opc) (commandline -ct)
	set -e words[1]
	for line in (command saddle complete -- $words 2>/dev/null)
		if test "$line" = ":file"
			__fish_complete_path (commandline -ct)
		else
			echo $line
		end
	end
end

complete -c saddle -f -a '(__saddle_complete)'
