@echo off
rem The kit's front door on Windows. "kit help" lists the commands.
rem Each command is one label in the dispatch below; add yours there.
setlocal EnableExtensions EnableDelayedExpansion
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"

set "CMD=%~1"
if "%CMD%"=="" set "CMD=list"
if /i "%CMD%"=="quiz" goto :quiz
for %%c in (list test watch hint reset solution export) do if /i "%CMD%"=="%%c" goto :launcher
if /i "%CMD%"=="help" goto :usage
if /i "%CMD%"=="-h" goto :usage
if /i "%CMD%"=="--help" goto :usage
echo kit: unknown command '%CMD%'. 1>&2
call :usage 1>&2
exit /b 2

:usage
echo Usage: kit COMMAND [ARGS]
echo.
echo Commands:
echo   (nothing), list         every exercise with its state and points, what to do next, the quizzes
echo   test NN                 run exercise NN's tests (NN: 01, or 01-waiting-problem); --verbose: through Maven
echo   watch [NN]              run the tests again on every save; keys h hint, l list, n next, q quit (--poll)
echo   hint NN                 the next hint you have not seen (hint NN N: hint N; hint NN --all: every hint)
echo   reset NN                put the exercise's stub back; your code is kept in .kit\backup\
echo   solution NN             the reference solution, once your code passes
echo   export gradescope FILE.zip   the autograder zip for Gradescope (for teachers; grader\README.md)
echo   quiz                    list the quizzes with your best score so far
echo   quiz NAME [options]     take a quiz (interactive in a terminal, numbered prompts otherwise)
echo       --plain             numbered prompts even in a terminal
echo       --answers FILE      answer from FILE ("question-id: answer" lines) without asking
echo       --seed N            fix the shuffling of questions and options
echo       --no-save           do not record this attempt
echo       --help              all options
echo   help                    this text
echo.
echo Attempts are saved in quizzes\attempts\NAME.json: commit them, the grader counts them.
echo Needs Java 17+ to run (JAVA_HOME or java on PATH); the first run builds the quizzes,
echo which needs a JDK 21+ installed where Maven's toolchains can find it.
exit /b 0

:launcher
rem list, test, watch, hint, reset, solution: the launcher (launcher\target), on a JDK 21+ with javac.
if /i "%CMD%"=="test" if /i "%~3"=="--verbose" if "%~4"=="" goto :test_verbose
call :find_jdk21 || exit /b 3
call :build_launcher || exit /b 4
set "ARGS="
set "SKIP=1"
for %%a in (%*) do (
  if defined SKIP (set "SKIP=") else set ARGS=!ARGS! %%a
)
if not exist "%ROOT%\.kit" mkdir "%ROOT%\.kit"
"%JDK%\bin\java.exe" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=%ROOT%\.kit\launcher.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off --enable-native-access=ALL-UNNAMED "-Dkit.root=%ROOT%" "-Dkit.lib=%ROOT%\launcher\target\lib" -cp "%ROOT%\launcher\target\launcher.jar;%ROOT%\launcher\target\lib\*" asynckit.launcher.Main %CMD% !ARGS!
exit /b %ERRORLEVEL%

:test_verbose
set "EX="
for /d %%d in ("%ROOT%\exercises\%~2*" "%ROOT%\exercises\0%~2-*") do if exist "%%d\exercise.yaml" if not defined EX set "EX=%%~nxd"
if not defined EX (
  echo kit: no exercise '%~2' ^(kit list shows them^). 1>&2
  exit /b 2
)
pushd "%ROOT%"
call mvnw.cmd test -pl "exercises/%EX%"
set "RC=%ERRORLEVEL%"
popd
exit /b %RC%

rem A JDK 21+ with javac: JAVA_HOME, then java on PATH, then the usual install folders.
:find_jdk21
set "JDK="
if defined JAVA_HOME call :try_jdk "%JAVA_HOME%"
if not defined JDK for /f "delims=" %%j in ('where java 2^>nul') do if not defined JDK call :try_jdk "%%~dpj.."
for %%r in ("%ProgramFiles%\Eclipse Adoptium" "%ProgramFiles%\Java" "%ProgramFiles%\Microsoft" "%ProgramFiles%\Zulu" "%ProgramFiles%\Amazon Corretto" "%USERPROFILE%\.jdks") do (
  if not defined JDK if exist "%%~r" for /d %%h in ("%%~r\*") do if not defined JDK call :try_jdk "%%~h"
)
if defined JDK exit /b 0
echo kit: no JDK 21 or newer found (JAVA_HOME, java on PATH, Program Files). Install one (e.g. Eclipse Temurin 21) or set JAVA_HOME. 1>&2
exit /b 1

:try_jdk
if not exist "%~1\bin\javac.exe" exit /b 0
set "REL="
for /f "tokens=2 delims==" %%v in ('findstr /b /c:"JAVA_VERSION=" "%~1\release" 2^>nul') do set "REL=%%~v"
for /f "tokens=1 delims=." %%m in ("!REL!") do set "REL=%%m"
if "!REL!"=="" exit /b 0
if !REL! GEQ 21 set "JDK=%~f1"
exit /b 0

rem Builds launcher\target (launcher.jar and lib\) when missing or older than its sources; quiet unless it fails.
:build_launcher
set "LJAR=%ROOT%\launcher\target\launcher.jar"
if exist "%LJAR%" if exist "%ROOT%\launcher\target\lib" (
  powershell -NoProfile -NonInteractive -Command "$j=(Get-Item -LiteralPath $env:LJAR).LastWriteTime; $n=Get-ChildItem -Recurse -File -LiteralPath (Join-Path $env:ROOT 'launcher\src'),(Join-Path $env:ROOT 'launcher\pom.xml'),(Join-Path $env:ROOT 'pom.xml'),(Join-Path $env:ROOT 'course\src'),(Join-Path $env:ROOT 'exercises\testkit\src'),(Join-Path $env:ROOT 'exercises\testkit\pom.xml'),(Join-Path $env:ROOT 'quizzes\src\main') | Where-Object { $_.LastWriteTime -gt $j } | Select-Object -First 1; if ($n) { exit 1 } else { exit 0 }"
  if not errorlevel 1 exit /b 0
)
if not exist "%ROOT%\.kit" mkdir "%ROOT%\.kit"
set "LOG=%ROOT%\.kit\build-launcher.log"
echo kit: building the launcher (first run or sources changed)... 1>&2
pushd "%ROOT%"
call mvnw.cmd -q -B -pl launcher -am package -Dmaven.test.skip=true > "%LOG%" 2>&1
set "RC=%ERRORLEVEL%"
popd
if not "%RC%"=="0" (
  type "%LOG%" 1>&2
  echo kit: building the launcher failed ^(log above, also in .kit\build-launcher.log^). 1>&2
  exit /b 1
)
exit /b 0

:quiz
call :find_java || exit /b 3
call :build_quizzes || exit /b 4
rem Everything after the word "quiz" goes to the runner.
set "ARGS="
set "SKIP=1"
for %%a in (%*) do (
  if defined SKIP (set "SKIP=") else set ARGS=!ARGS! %%a
)
set "EXTRA="
if !JAVA_MAJOR! GEQ 22 set "EXTRA=--enable-native-access=ALL-UNNAMED"
"%JAVA%" %EXTRA% "-Dkit.root=%ROOT%" -jar "%JAR%" !ARGS!
exit /b %ERRORLEVEL%

rem Same rule as mvnw.cmd: JAVA_HOME if set, else java on PATH.
:find_java
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
  if not exist "!JAVA!" (
    echo kit: JAVA_HOME is set to "%JAVA_HOME%" but !JAVA! is not there. Point JAVA_HOME at a JDK 17 or newer. 1>&2
    exit /b 1
  )
) else (
  where java >nul 2>nul
  if errorlevel 1 (
    echo kit: no Java found. Install a JDK 17 or newer ^(21+ to build the exercises^) and put java on PATH or set JAVA_HOME. 1>&2
    exit /b 1
  )
  set "JAVA=java"
)
set "SPEC="
for /f "tokens=2 delims==" %%v in ('"!JAVA!" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version"') do set "SPEC=%%v"
set "SPEC=!SPEC: =!"
if "!SPEC:~0,2!"=="1." (
  echo kit: !JAVA! is Java !SPEC!; the quizzes need Java 17 or newer. 1>&2
  exit /b 1
)
for /f "tokens=1 delims=." %%m in ("!SPEC!") do set "JAVA_MAJOR=%%m"
if "!JAVA_MAJOR!"=="" (
  echo kit: cannot tell the version of !JAVA!; it needs to be Java 17 or newer. 1>&2
  exit /b 1
)
if !JAVA_MAJOR! LSS 17 (
  echo kit: !JAVA! is Java !SPEC!; the quizzes need Java 17 or newer. 1>&2
  exit /b 1
)
exit /b 0

rem Builds quizzes\target\quizzes-all.jar when missing or older than its sources; quiet unless it fails.
:build_quizzes
set "JAR=%ROOT%\quizzes\target\quizzes-all.jar"
if exist "%JAR%" (
  powershell -NoProfile -NonInteractive -Command "$j=(Get-Item -LiteralPath $env:JAR).LastWriteTime; $n=Get-ChildItem -Recurse -File -LiteralPath (Join-Path $env:ROOT 'quizzes\src'),(Join-Path $env:ROOT 'quizzes\pom.xml'),(Join-Path $env:ROOT 'pom.xml') | Where-Object { $_.LastWriteTime -gt $j } | Select-Object -First 1; if ($n) { exit 1 } else { exit 0 }"
  if not errorlevel 1 exit /b 0
)
if not exist "%ROOT%\.kit" mkdir "%ROOT%\.kit"
set "LOG=%ROOT%\.kit\build-quizzes.log"
echo kit: building the quiz runner (first run or sources changed)... 1>&2
pushd "%ROOT%"
call mvnw.cmd -q -B -pl quizzes -am package -Dmaven.test.skip=true > "%LOG%" 2>&1
set "RC=%ERRORLEVEL%"
popd
if not "%RC%"=="0" (
  type "%LOG%" 1>&2
  echo kit: building the quizzes failed ^(log above, also in .kit\build-quizzes.log^). 1>&2
  exit /b 1
)
if not exist "%JAR%" (
  type "%LOG%" 1>&2
  echo kit: the build finished but %JAR% is missing. 1>&2
  exit /b 1
)
exit /b 0
