# A Fargate web service (ecslint example); its Auto Scaling is in autoscaling.tf.

resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = "arn:aws:iam::111122223333:role/ecsTaskExecutionRole"
  task_role_arn            = "arn:aws:iam::111122223333:role/web-task"

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }

  container_definitions = jsonencode([
    {
      name                   = "web"
      image                  = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:1.8.2"
      essential              = true
      user                   = "1000:1000"
      readonlyRootFilesystem = true
      portMappings           = [{ name = "http", containerPort = 8080, protocol = "tcp", appProtocol = "http" }]
      environment            = [{ name = "PORT", value = "8080" }]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:web/db-AbCdEf" }
      ]
      mountPoints = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
      healthCheck = {
        command     = ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 10
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = "/ecs/web"
          "awslogs-region"        = "eu-west-1"
          "awslogs-stream-prefix" = "web"
          "mode"                  = "non-blocking"
          "max-buffer-size"       = "25m"
        }
      }
    }
  ])

  volume {
    name = "tmp"
  }

  tags = { team = "storefront" }
}

resource "aws_ecs_service" "web" {
  name                              = "web"
  cluster                           = "production"
  task_definition                   = aws_ecs_task_definition.web.arn
  desired_count                     = 3
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = 60
  propagate_tags                    = "SERVICE"
  enable_ecs_managed_tags           = true

  network_configuration {
    subnets          = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829", "subnet-0c3d4e5f607182930"]
    security_groups  = ["sg-0123456789abcdef0"]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0123456789abcdef"
    container_name   = "web"
    container_port   = 8080
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  deployment_maximum_percent         = 200
  deployment_minimum_healthy_percent = 100

  # Auto Scaling owns the task count once the service exists.
  lifecycle {
    ignore_changes = [desired_count]
  }

  tags = { team = "storefront" }
}
